%% A release upgrade of N supervised gen_servers under client load with OTP's release_handler: the
%% Erlang VM's side of dev.graft.bench.upgrade.UpgradeUnderLoad's release_handler way
%% (ReleaseUpgrade), driven by release_bench.sh.
%%
%% build: two releases of application bench (bench_app/: an application whose simple_one_for_one
%% supervisor runs gen_servers of bench_counter, its child spec listing bench_counter), version 1
%% with bench_counter/v1 and version 2 with bench_counter/v2 and the appup
%% {update, bench_counter, {advanced, []}} both ways; their boot scripts (systools:make_script),
%% the relup (systools:make_relup) and the archives (systools:make_tar), as a release is built.
%%
%% target: a target system's root made from release 1's archive, as OTP's target_system example
%% makes one: the archive extracted, releases/RELEASES made by release_handler:create_RELEASES,
%% release 2's archive put in releases/ for unpack_release.
%%
%% run, in a node booted from release 1 with that root as its root directory (code:root_dir(),
%% which the release handler works in): starts N children of bench_counter_sup, unpacks release
%% 2 (release_handler:unpack_release), starts the clients (bench_load.erl), and after ?WARMUP_MS
%% of warm-up and ?BEFORE_MS of steady state installs release 2 (release_handler:install_release:
%% the relup's suspend, load, code_change and resume of every server, release_handler_1 one call
%% at a time). The clients run on ?AFTER_MS more and stop once their calls under way have
%% returned. A server is unavailable from just before the release handler's sys:suspend call to
%% it until its sys:resume call returned, timed by a call trace of the release handler process
%% (a trace message for each of those calls, nothing on the servers or the clients).
%%
%% Prints the RESULT line of upgrade_bench.erl, with workload=release_upgrade way=release_handler.
-module(release_bench).
-export([build/1, target/1, run/1]).

-define(WARMUP_MS, 1000).
-define(BEFORE_MS, 500).
-define(AFTER_MS, 300).
-define(MODULES, [bench_counter, bench_counter_app, bench_counter_sup]).

%% ---- build: Src is benchmarks/erlang, Out an empty directory ----

build([Src, Out]) ->
    Appup = {"2", [{"1", [{update, bench_counter, {advanced, []}}]}],
                  [{"1", [{update, bench_counter, {advanced, []}}]}]},
    [lib(Src, Out, Vsn) || Vsn <- ["1", "2"]],
    ok = write_term(filename:join([Out, "lib", "bench-2", "ebin", "bench.appup"]), Appup),
    Path = [filename:join([Out, "lib", "bench-" ++ V, "ebin"]) || V <- ["1", "2"]],
    [Rel1, Rel2] = [filename:join(Out, "bench-" ++ V) || V <- ["1", "2"]],
    [begin
         ok = write_term(Rel ++ ".rel", rel(V)),
         ok = systools:make_script(Rel, [{path, [Ebin]}, {outdir, Out}])
     end || {Rel, V, Ebin} <- lists:zip3([Rel1, Rel2], ["1", "2"], Path)],
    ok = systools:make_tar(Rel1, [{path, [hd(Path)]}, {outdir, Out}]), % before the relup, which is 2's
    ok = systools:make_relup(Rel2, [Rel1], [Rel1], [{path, Path}, {outdir, Out}]),
    ok = systools:make_tar(Rel2, [{path, tl(Path)}, {outdir, Out}]),
    ok.

lib(Src, Out, Vsn) ->
    Ebin = filename:join([Out, "lib", "bench-" ++ Vsn, "ebin"]),
    ok = filelib:ensure_path(Ebin),
    Sources = [filename:join([Src, "bench_counter", "v" ++ Vsn, "bench_counter.erl"]),
               filename:join([Src, "bench_app", "bench_counter_app.erl"]),
               filename:join([Src, "bench_app", "bench_counter_sup.erl"])],
    [{ok, _} = compile:file(S, [{outdir, Ebin}, report]) || S <- Sources],
    write_term(filename:join(Ebin, "bench.app"),
               {application, bench,
                [{description, "release_bench's servers"}, {vsn, Vsn}, {modules, ?MODULES},
                 {registered, [bench_counter_sup]}, {applications, [kernel, stdlib, sasl]},
                 {mod, {bench_counter_app, []}}]}).

rel(Vsn) ->
    {release, {"bench", Vsn}, {erts, erlang:system_info(version)},
     [{App, app_vsn(App)} || App <- [kernel, stdlib, sasl]] ++ [{bench, Vsn}]}.

app_vsn(App) ->
    ok = case application:load(App) of ok -> ok; {error, {already_loaded, App}} -> ok end,
    {ok, Vsn} = application:get_key(App, vsn),
    Vsn.

write_term(File, Term) -> file:write_file(File, io_lib:format("~p.~n", [Term])).

%% ---- target: Out is build's directory, Root an empty directory ----

target([Out, Root]) ->
    ok = erl_tar:extract(filename:join(Out, "bench-1.tar.gz"), [compressed, {cwd, Root}]),
    Releases = filename:join(Root, "releases"),
    ok = release_handler:create_RELEASES(Root, Releases, filename:join([Releases, "1", "bench-1.rel"]), []),
    {ok, _} = file:copy(filename:join(Out, "bench-2.tar.gz"), filename:join(Releases, "bench-2.tar.gz")),
    ok.

%% ---- run: in the node booted from release 1 ----

now_ns() -> erlang:monotonic_time(nanosecond).

run([N]) ->
    Servers = [begin {ok, P} = supervisor:start_child(bench_counter_sup, []), P end
               || _ <- lists:seq(1, list_to_integer(N))],
    {ok, "2"} = release_handler:unpack_release("bench-2"),
    Clients = bench_load:start(list_to_tuple(Servers)),
    timer:sleep(?WARMUP_MS),
    Before = now_ns(),
    timer:sleep(?BEFORE_MS),
    Tracer = trace_release_handler(),
    Start = now_ns(),
    {ok, "1", _} = release_handler:install_release("2"),
    End = now_ns(),
    Holds = holds(Tracer),
    timer:sleep(?AFTER_MS),
    Calls = bench_load:stop(Clients, {Before, Start}, {Start, End}),
    NotUpgraded = length([S || S <- Servers, not is_tuple(sys:get_state(S))]),
    length(Holds) =:= length(Servers) orelse error({suspended, length(Holds), of_servers, length(Servers)}),
    bench_load:report(release_upgrade, release_handler, {Start, End}, Holds, Calls, NotUpgraded).

%% Traces the release handler's calls of sys:suspend/1 and sys:resume/1 (and its returns) to a
%% process that turns them into each server's unavailability; returns that process.
trace_release_handler() ->
    Tracer = spawn(fun() -> tracer(#{}, undefined, []) end),
    Handler = whereis(release_handler),
    {module, sys} = code:ensure_loaded(sys),
    1 = erlang:trace(Handler, true, [call, monotonic_timestamp, {tracer, Tracer}]),
    1 = erlang:trace_pattern({sys, suspend, 1}, true, [global]),
    1 = erlang:trace_pattern({sys, resume, 1}, [{'_', [], [{return_trace}]}], [global]),
    Tracer.

%% Stops the trace and returns, once every trace message is in, each server's unavailability.
holds(Tracer) ->
    Handler = whereis(release_handler),
    erlang:trace(Handler, false, [call]),
    erlang:trace_pattern({sys, '_', '_'}, false, [global]),
    Ref = erlang:trace_delivered(Handler),
    receive {trace_delivered, Handler, Ref} -> ok end,
    Tracer ! {holds, self()},
    receive {holds, Tracer, Holds} -> Holds end.

%% The release handler makes one call at a time, so a resume's return follows its call. Trace
%% timestamps are monotonic time in nanoseconds, as now_ns/0.
tracer(Suspended, Resuming, Holds) ->
    receive
        {trace_ts, _, call, {sys, suspend, [Pid]}, T} ->
            tracer(Suspended#{Pid => T}, Resuming, Holds);
        {trace_ts, _, call, {sys, resume, [Pid]}, _} ->
            tracer(Suspended, Pid, Holds);
        {trace_ts, _, return_from, {sys, resume, 1}, _, T} ->
            Hold = T - maps:get(Resuming, Suspended),
            tracer(Suspended, undefined, [Hold | Holds]);
        {holds, From} ->
            From ! {holds, self(), Holds}
    end.
