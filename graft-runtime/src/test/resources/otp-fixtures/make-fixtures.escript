#!/usr/bin/env escript
%% -*- erlang -*-
%%
%% Makes the OTP fixtures of Graft's term and descriptor tests with the real
%% Erlang/OTP tools (OTP 25): two versions of a small application `kv`, a
%% library application `kvlog` that only the second release has, the .app,
%% .appup and .rel files written by hand as a developer would, and what
%% systools makes of them: the relup (systools:make_relup) and the boot
%% script (systools:make_script) of the second release.
%%
%% Modules are named like Graft's modules, by a Java class name written as a
%% quoted atom ('kv.KvServer'); Erlang takes any atom as a module name.
%%
%% Usage: escript make-fixtures.escript [OutDir]   (OutDir: this script's folder)
%% Everything is built in a fresh temporary folder; only the files listed in
%% README.md are copied to OutDir.

main([]) ->
    main([filename:dirname(filename:absname(escript:script_name()))]);
main([Out]) ->
    Tmp = string:trim(os:cmd("mktemp -d")),
    ok = file:set_cwd(Tmp),
    Vsns = otp_versions(),
    [make_app(Tmp, A) || A <- apps()],
    [write(filename:join(Tmp, F), rel(Name, Vsns)) || {F, Name} <- [{"kv-1.rel", "1"}, {"kv-2.rel", "2"}]],
    Path = filelib:wildcard(filename:join(Tmp, "lib/*/ebin")),
    Opts = [{path, Path}, {outdir, Tmp}, silent, no_warn_sasl],
    {ok, _, _, _} = systools:make_relup("kv-2", ["kv-1"], ["kv-1"], Opts),
    {ok, _, _} = systools:make_script("kv-2", [{variables, [{"KVROOT", Tmp}]} | Opts]),
    %% systools:make_script writes the script with ~p: keep its text form.
    Copies = [{"lib/kv-1.0.0/ebin/kv.app", "kv-1.0.0/kv.app"},
              {"lib/kv-1.1.0/ebin/kv.app", "kv-1.1.0/kv.app"},
              {"lib/kv-1.1.0/ebin/kv.appup", "kv-1.1.0/kv.appup"},
              {"lib/kvlog-1.0.0/ebin/kvlog.app", "kvlog-1.0.0/kvlog.app"},
              {"kv-1.rel", "releases/kv-1.rel"},
              {"kv-2.rel", "releases/kv-2.rel"},
              {"relup", "releases/relup"},
              {"kv-2.script", "releases/kv-2.script"}],
    [copy(filename:join(Tmp, From), filename:join(Out, To)) || {From, To} <- Copies],
    %% The .app files of the OTP applications the releases name, which systools read too.
    OtpApps = [{filename:join([code:lib_dir(A), "ebin", atom_to_list(A) ++ ".app"]),
                filename:join([Out, "otp", atom_to_list(A) ++ ".app"])} || A <- [kernel, stdlib, sasl]],
    [copy(From, To) || {From, To} <- OtpApps],
    os:cmd("rm -rf " ++ Tmp),
    io:format("OTP ~s (erts ~s): wrote ~p files to ~s~n",
              [erlang:system_info(otp_release), erlang:system_info(version), length(Copies) + length(OtpApps), Out]).

otp_versions() ->
    [ok = application:load(A) || A <- [sasl]],
    Vsn = fun(A) -> {ok, V} = application:get_key(A, vsn), V end,
    #{erts => erlang:system_info(version), kernel => Vsn(kernel), stdlib => Vsn(stdlib), sasl => Vsn(sasl)}.

rel("1", V) ->
    io_lib:format(
      "%% The first release of the kv example.\n"
      "{release, {\"kv\", \"1\"}, {erts, ~p},\n"
      " [{kernel, ~p},\n"
      "  {stdlib, ~p},\n"
      "  {sasl, ~p},\n"
      "  {kv, \"1.0.0\"}]}.\n",
      [maps:get(K, V) || K <- [erts, kernel, stdlib, sasl]]);
rel("2", V) ->
    io_lib:format(
      "%% The second release: kv 1.1.0, and kvlog loaded but not started.\n"
      "{release, {\"kv\", \"2\"}, {erts, ~p},\n"
      " [{kernel, ~p},\n"
      "  {stdlib, ~p},\n"
      "  {sasl, ~p, permanent},\n"
      "  {kv, \"1.1.0\"},\n"
      "  {kvlog, \"1.0.0\", load}]}.\n",
      [maps:get(K, V) || K <- [erts, kernel, stdlib, sasl]]).

%% {Dir, AppFile, AppupFile | none, [{Module, Source}]}
apps() ->
    [{"kv-1.0.0", app_kv("1.0.0", ['kv.KvApp', 'kv.KvSup', 'kv.KvServer']), none,
      [kv_app(), kv_sup(), kv_server_1()]},
     {"kv-1.1.0", app_kv("1.1.0", ['kv.KvApp', 'kv.KvSup', 'kv.KvServer', 'kv.KvStats']), appup_kv(),
      [kv_app(), kv_sup(), kv_server_2(), kv_stats()]},
     {"kvlog-1.0.0", app_kvlog(), none, [kvlog()]}].

make_app(Tmp, {Dir, App, Appup, Sources}) ->
    Ebin = filename:join([Tmp, "lib", Dir, "ebin"]),
    ok = filelib:ensure_dir(filename:join(Ebin, "x")),
    Name = hd(string:split(Dir, "-")),
    write(filename:join(Ebin, Name ++ ".app"), App),
    Appup =:= none orelse write(filename:join(Ebin, Name ++ ".appup"), Appup),
    [compile_module(Ebin, Src) || Src <- Sources].

compile_module(Ebin, Src) ->
    {ok, Tokens, _} = erl_scan:string(Src),
    Forms = split_forms(Tokens, [], []),
    {ok, Mod, Bin} = compile:forms([begin {ok, F} = erl_parse:parse_form(T), F end || T <- Forms], [report]),
    ok = file:write_file(filename:join(Ebin, atom_to_list(Mod) ++ ".beam"), Bin).

split_forms([{dot, _} = D | Ts], Acc, Forms) -> split_forms(Ts, [], [lists:reverse([D | Acc]) | Forms]);
split_forms([T | Ts], Acc, Forms) -> split_forms(Ts, [T | Acc], Forms);
split_forms([], [], Forms) -> lists:reverse(Forms).

write(File, Text) -> ok = file:write_file(File, unicode:characters_to_binary(Text)).

copy(From, To) ->
    ok = filelib:ensure_dir(To),
    {ok, _} = file:copy(From, To).

%% ---- the hand-written descriptors ----

app_kv(Vsn, Mods) ->
    io_lib:format(
      "%% kv: a key-value store, the example application of Graft's fixtures.\n"
      "{application, kv,\n"
      " [{description, \"A key-value store\"},\n"
      "  {vsn, ~p},\n"
      "  {modules, ~p},\n"
      "  {registered, ['kv.KvSup', 'kv.KvServer']},\n"
      "  {applications, [kernel, stdlib]},\n"
      "  {mod, {'kv.KvApp', []}},\n"
      "  {env, [{max_keys, 16#400}, % a power of two\n"
      "         {greeting, <<\"hello\">>}]},\n"
      "  {maxT, infinity}]}.\n",
      [Vsn, Mods]).

app_kvlog() ->
    "{application, kvlog,\n"
    " [{description, \"Logs what kv does\"},\n"
    "  {vsn, \"1.0.0\"},\n"
    "  {modules, ['kvlog.KvLog']},\n"
    "  {registered, []},\n"
    "  {applications, [kernel, stdlib]}]}.\n".

appup_kv() ->
    "%% kv 1.1.0 counts reads and writes: the server's state gains a 'kv.KvStats'.\n"
    "{\"1.1.0\",\n"
    " [{\"1.0.0\", [{add_module, 'kv.KvStats'},\n"
    "             {update, 'kv.KvServer', {advanced, add_stats}, ['kv.KvStats']},\n"
    "             {update, 'kv.KvSup', supervisor},\n"
    "             {load_module, 'kv.KvApp'},\n"
    "             {apply, {'kv.KvStats', reset, []}}]},\n"
    "  %% any other 1.0.x: start again\n"
    "  {<<\"1\\\\.0\\\\.[0-9]+\">>, [{restart_application, kv}]}],\n"
    " [{\"1.0.0\", [{update, 'kv.KvServer', {advanced, drop_stats}},\n"
    "             {update, 'kv.KvSup', supervisor},\n"
    "             {load_module, 'kv.KvApp'},\n"
    "             {delete_module, 'kv.KvStats'}]},\n"
    "  {<<\"1\\\\.0\\\\.[0-9]+\">>, [{restart_application, kv}]}]}.\n".

%% ---- the modules ----

kv_app() ->
    "-module('kv.KvApp'). -behaviour(application). -export([start/2, stop/1]).
     start(_Type, _Args) -> 'kv.KvSup':start_link().
     stop(_State) -> ok.".

kv_sup() ->
    "-module('kv.KvSup'). -behaviour(supervisor). -export([start_link/0, init/1]).
     start_link() -> supervisor:start_link({local, 'kv.KvSup'}, 'kv.KvSup', []).
     init([]) ->
         Server = #{id => 'kv.KvServer', start => {'kv.KvServer', start_link, []},
                    modules => ['kv.KvServer']},
         {ok, {#{strategy => one_for_one}, [Server]}}.".

kv_server_1() ->
    "-module('kv.KvServer'). -behaviour(gen_server). -vsn(\"1\").
     -export([start_link/0, init/1, handle_call/3, handle_cast/2, code_change/3]).
     start_link() -> gen_server:start_link({local, 'kv.KvServer'}, 'kv.KvServer', [], []).
     init([]) -> {ok, #{}}.
     handle_call({get, K}, _From, Map) -> {reply, maps:find(K, Map), Map};
     handle_call({put, K, V}, _From, Map) -> {reply, ok, Map#{K => V}}.
     handle_cast(_Msg, Map) -> {noreply, Map}.
     code_change({down, _}, {Map, _Stats}, drop_stats) -> {ok, Map}.".

kv_server_2() ->
    "-module('kv.KvServer'). -behaviour(gen_server). -vsn(\"2\").
     -export([start_link/0, init/1, handle_call/3, handle_cast/2, code_change/3]).
     start_link() -> gen_server:start_link({local, 'kv.KvServer'}, 'kv.KvServer', [], []).
     init([]) -> {ok, {#{}, 'kv.KvStats':new()}}.
     handle_call({get, K}, _From, {Map, S}) -> {reply, maps:find(K, Map), {Map, 'kv.KvStats':read(S)}};
     handle_call({put, K, V}, _From, {Map, S}) -> {reply, ok, {Map#{K => V}, 'kv.KvStats':write(S)}}.
     handle_cast(_Msg, State) -> {noreply, State}.
     code_change(\"1\", Map, add_stats) -> {ok, {Map, 'kv.KvStats':new()}}.".

kv_stats() ->
    "-module('kv.KvStats'). -export([new/0, read/1, write/1, reset/0]).
     new() -> {0, 0}.
     read({R, W}) -> {R + 1, W}.
     write({R, W}) -> {R, W + 1}.
     reset() -> ok.".

kvlog() ->
    "-module('kvlog.KvLog'). -export([log/1]).
     log(What) -> logger:info(\"kv: ~p\", [What]).".
