#!/usr/bin/env escript
%% -*- erlang -*-
%%
%% Makes the fixtures of Graft's relup generation tests with the real
%% systools (OTP 25): small releases whose .rel, .app and .appup files are
%% written here, and what systools:make_relup makes of them, a relup or an
%% error. Each scenario is one folder of relup/:
%%
%%   releases/Name.rel            the releases
%%   lib/App-Vsn/ebin/App.app     the applications, and App.appup where given
%%   make_relup                   {TopRel, UpFrom, DownTo, Opts}: the call
%%   expected                     {ok, Relup, Warnings} or {error, Reason}
%%
%% relup/lib/ holds stand-ins for kernel, stdlib and sasl, which every .rel
%% must name and of which systools reads only name, version and dependencies.
%% make_relup reads no object code, so no module is compiled.
%%
%% One reason is reduced, as the file says: systools' {no_relup, File, App,
%% Vsn} names a file path and holds the whole #application{} record; it is
%% written {no_relup, AppName, AppVsn, Vsn}.
%%
%% Usage: escript make-relup-fixtures.escript [OutDir]   (OutDir: this script's folder)

-define(KERNEL, "8.5.3").
-define(STDLIB, "4.2").
-define(SASL, "4.2").
-define(ERTS, "13.1.5").
-define(X_MODS, ['x.X', 'x.Y', 'x.Z', 'x.W']).

main([]) ->
    main([filename:dirname(filename:absname(escript:script_name()))]);
main([Out]) ->
    Root = filename:join(Out, "relup"),
    os:cmd("rm -rf " ++ Root),
    Lib = filename:join(Root, "lib"),
    [write_app(Lib, A) || A <- otp_apps()],
    [scenario(Root, Lib, S) || S <- scenarios()],
    io:format("OTP ~s: wrote ~p scenarios to ~s~n",
              [erlang:system_info(otp_release), length(scenarios()), Root]).

scenario(Root, SharedLib, {Name, Apps, Rels, Call}) ->
    Dir = filename:join(Root, Name),
    Lib = filename:join(Dir, "lib"),
    [write_app(Lib, A) || A <- Apps],
    [write_rel(Dir, R) || R <- Rels],
    write_term(filename:join(Dir, "make_relup"), Call),
    {Top, Up, Dn, Opts} = Call,
    ok = file:set_cwd(filename:join(Dir, "releases")),
    Path = filelib:wildcard(filename:join(Lib, "*/ebin")) ++ filelib:wildcard(filename:join(SharedLib, "*/ebin")),
    Result = systools:make_relup(Top, Up, Dn, [{path, Path}, silent, noexec | Opts]),
    write_term(filename:join(Dir, "expected"), expected(Result)).

expected({ok, Relup, systools_relup, Warnings}) -> {ok, Relup, Warnings};
expected({error, systools_relup, {no_relup, _File, App, Vsn}}) ->
    %% element 2 of #application{} is the name, element 4 the version
    {error, {no_relup, element(2, App), element(4, App), Vsn}};
expected({error, _Module, Reason}) -> {error, Reason}.

%% ---- files ----

%% {Name, Vsn, Modules, Options, Appup | none}; Options: applications, included_applications
write_app(Lib, {Name, Vsn, Mods, Opts, Appup}) ->
    Ebin = filename:join([Lib, atom_to_list(Name) ++ "-" ++ Vsn, "ebin"]),
    Uses = proplists:get_value(applications, Opts, [kernel, stdlib]),
    Keys = [{description, "A Graft relup fixture"}, {vsn, Vsn}, {modules, Mods}, {registered, []},
            {applications, Uses}]
        ++ [{included_applications, I} || {included_applications, I} <- Opts],
    write_term(filename:join(Ebin, atom_to_list(Name) ++ ".app"), {application, Name, Keys}),
    Appup =:= none orelse write_term(filename:join(Ebin, atom_to_list(Name) ++ ".appup"), Appup).

%% {File, Vsn, Apps} or {File, Vsn, ErtsVsn, Apps}; kernel, stdlib and sasl come first
write_rel(Dir, {File, Vsn, Apps}) ->
    write_rel(Dir, {File, Vsn, ?ERTS, Apps});
write_rel(Dir, {File, Vsn, Erts, Apps}) ->
    Otp = [{kernel, ?KERNEL}, {stdlib, ?STDLIB}, {sasl, ?SASL}],
    write_term(filename:join([Dir, "releases", File ++ ".rel"]), {release, {"r", Vsn}, {erts, Erts}, Otp ++ Apps}).

write_term(File, Term) ->
    ok = filelib:ensure_dir(File),
    ok = file:write_file(File, unicode:characters_to_binary(io_lib:format("~tp.~n", [Term]))).

otp_apps() ->
    [{kernel, ?KERNEL, [], [{applications, []}], none},
     {stdlib, ?STDLIB, [], [{applications, [kernel]}], none},
     {sasl, ?SASL, [], [], none}].

%% ---- scenarios ----

%% app/3,4: an application of one version; its appup's Vsn is its own unless given.
app(Name, Vsn, Mods) -> {Name, Vsn, Mods, [], none}.
app(Name, Vsn, Mods, {Ups, Dns}) -> {Name, Vsn, Mods, [], {Vsn, Ups, Dns}}.

%% One application A, from version "1" to "2", with the appup {Ups, Dns}.
one_app(Name, A, Mods1, Mods2, Appup) ->
    one_app(Name, A, Mods1, Mods2, Appup, []).
one_app(Name, A, Mods1, Mods2, Appup, Opts) ->
    {Name, [app(A, "1", Mods1), app(A, "2", Mods2, Appup)],
     [{"old", "1", [{A, "1"}]}, {"new", "2", [{A, "2"}]}],
     {"new", ["old"], ["old"], Opts}}.

%% An error scenario: application e, modules 'e.M' and 'e.N', from "1" to "2".
error_case(Name, Up) -> error_case(Name, Up, []).
error_case(Name, Up, Dn) ->
    one_app(Name, e, ['e.M', 'e.N'], ['e.M', 'e.N'], {[{"1", Up}], [{"1", Dn}]}).

scenarios() ->
    [%% update: soft, {advanced, Extra}, supervisor, and static advanced (loaded before code_change down)
     one_app("update", u, ['u.Srv', 'u.Sup', 'u.Soft', 'u.Cfg'], ['u.Srv', 'u.Sup', 'u.Soft', 'u.Cfg'],
             {[{"1", [{update, 'u.Srv', {advanced, {from, 1}}},
                      {update, 'u.Sup', supervisor},
                      {update, 'u.Soft'},
                      {update, 'u.Cfg', static, default, {advanced, cfg}, brutal_purge, brutal_purge, []}]}],
              [{"1", [{update, 'u.Srv', {advanced, {to, 1}}},
                      {update, 'u.Sup', supervisor},
                      {update, 'u.Soft'},
                      {update, 'u.Cfg', static, default, {advanced, cfg}, brutal_purge, brutal_purge, []}]}]}),
     %% DepMods: a chain, an apply between related instructions, a cycle, a timeout
     one_app("dependencies", d,
             ['d.Sup', 'd.Srv', 'd.Lib', 'd.Util', 'd.Base', 'd.A', 'd.B', 'd.Slow', 'd.Fast'],
             ['d.Sup', 'd.Srv', 'd.Lib', 'd.Util', 'd.Base', 'd.A', 'd.B', 'd.Slow', 'd.Fast'],
             {[{"1", [{update, 'd.Sup', {advanced, 1}, ['d.Srv']},
                      {update, 'd.Srv', {advanced, 2}, ['d.Lib']},
                      {update, 'd.Lib', {advanced, 3}},
                      {load_module, 'd.Util', ['d.Base']},
                      {apply, {io, format, ["between"]}},
                      {load_module, 'd.Base'},
                      {load_module, 'd.B', ['d.A']},
                      {load_module, 'd.A', ['d.B']},
                      {update, 'd.Slow', 3000, {advanced, x}, soft_purge, soft_purge, ['d.Fast']},
                      {update, 'd.Fast', {advanced, y}}]}],
              [{"1", [{update, 'd.Sup', {advanced, 1}, ['d.Srv']},
                      {update, 'd.Srv', {advanced, 2}, ['d.Lib']},
                      {update, 'd.Lib', {advanced, 3}},
                      {load_module, 'd.Base'},
                      {apply, {io, format, ["between"]}},
                      {load_module, 'd.Util', ['d.Base']},
                      {load_module, 'd.A', ['d.B']},
                      {load_module, 'd.B', ['d.A']},
                      {update, 'd.Slow', infinity, {advanced, x}, soft_purge, soft_purge, ['d.Fast']},
                      {update, 'd.Fast', {advanced, y}}]}]}),
     %% soft and brutal purge, before and after
     one_app("purge", p, ['p.Soft', 'p.Mixed', 'p.Srv', 'p.Brutal'], ['p.Soft', 'p.Mixed', 'p.Srv', 'p.Brutal'],
             {[{"1", [{load_module, 'p.Soft', soft_purge, soft_purge, []},
                      {load_module, 'p.Mixed', brutal_purge, soft_purge, []},
                      {update, 'p.Srv', {advanced, []}, soft_purge, brutal_purge, []},
                      {load_module, 'p.Brutal'}]}],
              [{"1", [{load_module, 'p.Soft', soft_purge, soft_purge, []},
                      {update, 'p.Srv', soft, brutal_purge, soft_purge, []}]}]}),
     %% add_module (with DepMods) and delete_module, both ways
     one_app("modules", m, ['m.Core', 'm.Gone'], ['m.Core', 'm.New'],
             {[{"1", [{add_module, 'm.New', ['m.Core']},
                      {load_module, 'm.Core'},
                      {delete_module, 'm.Gone'}]}],
              [{"1", [{delete_module, 'm.New', ['m.Core']},
                      {load_module, 'm.Core'},
                      {add_module, 'm.Gone'}]}]}),
     %% low-level instructions written in the appup; apply before and after point_of_no_return
     one_app("low-level", l, ['l.Srv', 'l.Lib'], ['l.Srv', 'l.Lib'],
             {[{"1", [{load_object_code, {l, "2", ['l.Srv']}},
                      {apply, {'l.Srv', check, []}},
                      point_of_no_return,
                      {suspend, ['l.Srv', {'l.Other', 5000}]},
                      {load, {'l.Srv', brutal_purge, brutal_purge}},
                      {code_change, [{'l.Srv', x}]},
                      {code_change, up, [{'l.Never', y}]},
                      {resume, ['l.Srv', 'l.Other']},
                      {stop, ['l.Worker']},
                      {start, ['l.Worker']},
                      {sync_nodes, sync1, ['a@host', 'b@host']},
                      {sync_nodes, sync2, {'l.Cluster', nodes, []}},
                      {purge, ['l.Old']},
                      {remove, {'l.Gone', soft_purge, brutal_purge}},
                      {load_module, 'l.Lib'},
                      {apply, {'l.Srv', done, [1, "two", <<"three">>]}}]}],
              [{"1", [{apply, {'l.Srv', check, []}},
                      point_of_no_return,
                      {load_module, 'l.Lib'},
                      {code_change, down, [{'l.Srv', x}]}]}]}),
     %% applications added (temporary, none, load) and removed, by comparing the .rel files;
     %% a module of a depends on one of the added b, so both load where b's first one did
     {"add-remove-app",
      [app(a, "1", ['a.A']), app(a, "2", ['a.A'], {[{"1", [{load_module, 'a.A', ['b.B2']}]}], [{"1", []}]}),
       app(b, "1", ['b.B1', 'b.B2']), app(n, "1", ['n.N']), app(lo, "1", ['lo.Lo']), app(c, "1", ['c.C1', 'c.C2'])],
      [{"old", "1", [{a, "1"}, {c, "1"}]},
       {"new", "2", [{a, "2"}, {b, "1", temporary}, {n, "1", none}, {lo, "1", load}]}],
      {"new", ["old"], ["old"], []}},
     %% restart_application: started again with the type of the release it goes to
     {"restart-app",
      [app(r, "1", ['r.Old', 'r.Both']), app(r, "2", ['r.Both', 'r.New'], {[{"1", [{restart_application, r}]}],
                                                                           [{"1", [{restart_application, r}]}]})],
      [{"old", "1", [{r, "1"}]}, {"new", "2", [{r, "2", transient}]}],
      {"new", ["old"], ["old"], []}},
     %% regular-expression versions, first match wins; several releases, with a description
     {"regex",
      [app(x, "1.0.0", ?X_MODS), app(x, "1.2.7", ?X_MODS), app(x, "2.0.0", ?X_MODS),
       app(x, "2.0.3", ?X_MODS,
           {[{"1.0.0", [{load_module, 'x.X'}]},
             {<<"1\\.[0-9]+\\.[0-9]+">>, [{load_module, 'x.Y'}]},
             {<<"1\\.2\\..*">>, [{load_module, 'x.Z'}]},
             {<<"2\\.0|2\\.0\\.0">>, [{load_module, 'x.Z'}]},
             {<<"2\\.0\\.[0-9]">>, [{load_module, 'x.W'}]}],
            [{<<"1\\..*">>, [{load_module, 'x.Y'}]},
             {"2.0.0", [{load_module, 'x.W'}]}]})],
      [{"rel-1", "1", [{x, "1.0.0"}]}, {"rel-2", "2", [{x, "1.2.7"}]}, {"rel-3", "3", [{x, "2.0.0"}]},
       {"new", "4", [{x, "2.0.3"}]}],
      {"new", ["rel-1", {"rel-2", "from two"}, "rel-3"], ["rel-1", {"rel-3", [{note, 3}]}], []}},
     %% a new runtime: restart_new_emulator up, restart_emulator down; the option
     %% restart_emulator; an appup whose version is not its application's (a warning)
     {"erts",
      [app(v, "1", ['v.M']), {v, "2", ['v.M'], [], {"2.0", [{"1", [{load_module, 'v.M'}, restart_emulator]}],
                                                  [{"1", [{load_module, 'v.M'}]}]}}],
      [{"old", "1", "13.1.4", [{v, "1"}]}, {"new", "2", [{v, "2"}]}],
      {"new", ["old"], ["old"], [restart_emulator]}},
     %% the appup scripts come in start order: b uses a, and the .rel lists b first;
     %% 'inc' is included by top, so usr, which uses 'inc', starts after top
     {"start-order",
      [app(b, "1", ['b.B']), {b, "2", ['b.B'], [{applications, [kernel, stdlib, a]}],
                              {"2", [{"1", [{load_module, 'b.B'}]}], [{"1", [{load_module, 'b.B'}]}]}},
       app(a, "1", ['a.A']), app(a, "2", ['a.A'], {[{"1", [{load_module, 'a.A'}]}], [{"1", [{load_module, 'a.A'}]}]}),
       app(usr, "1", ['usr.U']), {usr, "2", ['usr.U'], [{applications, [kernel, stdlib, inc]}],
                                    {"2", [{"1", [{load_module, 'usr.U'}]}], [{"1", [{load_module, 'usr.U'}]}]}},
       app(inc, "1", ['inc.I']), app(inc, "2", ['inc.I'], {[{"1", [{load_module, 'inc.I'}]}], [{"1", [{load_module, 'inc.I'}]}]}),
       app(top, "1", ['top.T']), {top, "2", ['top.T'], [{included_applications, [inc]}],
                                  {"2", [{"1", [{load_module, 'top.T'}]}], [{"1", [{load_module, 'top.T'}]}]}}],
      [{"old", "1", [{a, "1"}, {b, "1"}, {usr, "1"}, {inc, "1"}, {top, "1"}]},
       {"new", "2", [{b, "2"}, {a, "2"}, {usr, "2"}, {inc, "2"}, {top, "2"}]}],
      {"new", ["old"], ["old"], []}},
     %% z uses y and x, which the .rel names in the other order: systools takes them in .rel order
     {"start-order-uses",
      [app(z, "1", ['z.Z']), {z, "2", ['z.Z'], [{applications, [kernel, stdlib, y, x]}],
                              {"2", [{"1", [{load_module, 'z.Z'}]}], [{"1", [{load_module, 'z.Z'}]}]}},
       app(y, "1", ['y.Y']), app(y, "2", ['y.Y'], {[{"1", [{load_module, 'y.Y'}]}], [{"1", [{load_module, 'y.Y'}]}]}),
       app(x, "1", ['x.X']), app(x, "2", ['x.X'], {[{"1", [{load_module, 'x.X'}]}], [{"1", [{load_module, 'x.X'}]}]})],
      [{"old", "1", [{z, "1"}, {x, "1"}, {y, "1"}]}, {"new", "2", [{z, "2"}, {x, "2"}, {y, "2"}]}],
      {"new", ["old"], ["old"], []}},
     %% two applications' scripts merged: each its own point_of_no_return, a DepMod across them
     {"merged",
      [app(f, "1", ['f.M']), app(f, "2", ['f.M'], {[{"1", [{apply, {f, pre, []}}, point_of_no_return,
                                                           {load_module, 'f.M'}]}],
                                                  [{"1", [{load_module, 'f.M'}]}]}),
       app(g, "1", ['g.M']), app(g, "2", ['g.M'], {[{"1", [{apply, {g, pre, []}}, point_of_no_return,
                                                           {load_module, 'g.M', ['f.M']}, {apply, {g, post, []}}]}],
                                                  [{"1", [{load_module, 'g.M', ['f.M']}]}]})],
      [{"old", "1", [{f, "1"}, {g, "1"}]}, {"new", "2", [{f, "2"}, {g, "2"}]}],
      {"new", ["old"], ["old"], []}},

     %% ---- what systools refuses ----
     one_app("error-no-relup", e, ['e.M'], ['e.M'], {[{"0.9", []}], [{"1", []}]}),
     one_app("error-no-relup-down", e, ['e.M'], ['e.M'], {[{"1", []}], [{<<"0\\..*">>, []}]}),
     error_case("error-undef-module", [{update, 'e.M', ['e.Missing']}]),
     {"error-muldef-module",
      [app(e, "1", ['e.M']), app(e, "2", ['e.M'], {[{"1", [{load_module, 'e.M'}]}], [{"1", []}]}),
       app(f, "1", ['f.M']), app(f, "2", ['f.M'], {[{"1", [{update, 'e.M'}]}], [{"1", []}]})],
      [{"old", "1", [{e, "1"}, {f, "1"}]}, {"new", "2", [{e, "2"}, {f, "2"}]}],
      {"new", ["old"], ["old"], []}},
     error_case("error-bad-op-before-ponr", [{update, 'e.M', {advanced, x}}, point_of_no_return]),
     error_case("error-too-many-ponr", [point_of_no_return, {load_module, 'e.M'}, point_of_no_return]),
     error_case("error-no-object-code", [{load, {'e.M', brutal_purge, brutal_purge}}]),
     error_case("error-suspended-not-resumed", [{suspend, ['e.M', 'e.N']}, {resume, ['e.N']}]),
     error_case("error-resumed-not-suspended", [{resume, ['e.M']}]),
     error_case("error-start-not-stop", [{start, ['e.M']}]),
     error_case("error-stop-not-start", [{stop, ['e.M']}]),
     error_case("error-removed-application-present", [{remove_application, e}]),
     error_case("error-no-such-application", [{add_application, nope}]),
     error_case("error-no-such-module", [{load_module, 'e.Unknown'}]),
     error_case("error-conflicting-versions", [{load_object_code, {e, "1", ['e.M']}}, point_of_no_return,
                                               {load_module, 'e.N'}]),
     error_case("error-down-undef-module", [], [{load_module, 'e.M', ['e.N']}]),
     {"error-circular-dependencies",
      [app(p, "1", ['p.P']), {p, "2", ['p.P'], [{applications, [kernel, stdlib, q]}], {"2", [{"1", []}], [{"1", []}]}},
       app(q, "1", ['q.Q']), {q, "2", ['q.Q'], [{applications, [kernel, stdlib, p]}], {"2", [{"1", []}], [{"1", []}]}}],
      [{"old", "1", [{p, "1"}, {q, "1"}]}, {"new", "2", [{p, "2"}, {q, "2"}]}],
      {"new", ["old"], ["old"], []}},
     {"error-undefined-applications",
      [app(e, "1", ['e.M']), {e, "2", ['e.M'], [{applications, [kernel, stdlib, ghost]}],
                              {"2", [{"1", []}], [{"1", []}]}}],
      [{"old", "1", [{e, "1"}]}, {"new", "2", [{e, "2"}]}],
      {"new", ["old"], ["old"], []}}].
