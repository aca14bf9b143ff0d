%% The code server workloads of Graft's benchmarks, on the Erlang VM:
%%   load_binary          time of code:load_binary/3 of a small module, alternating two versions
%%   check_process_code   erlang:check_process_code/2 of one of N idle processes, with old code present
%%   purge                code:purge/1 with N idle processes, old code present, no victim
%% Prints RESULT lines like the Java side. Run by benchmarks/run:
%%   erlc -o DIR code_bench.erl && erl -noshell -pa DIR -run code_bench main N1 N2 -s init stop
-module(code_bench).
-export([main/1]).

main(Args) ->
    Ns = [list_to_integer(if is_atom(A) -> atom_to_list(A); true -> A end) || A <- Args],
    {B1, B2} = {small_module(1), small_module(2)},
    load_binary(B1, B2),
    [scale(N, B1, B2) || N <- Ns],
    ok.

%% A small module like bench.Callee: inc/1 and name/0.
small_module(V) ->
    Forms = [{attribute, 1, module, bench_callee},
             {attribute, 2, export, [{inc, 1}, {name, 0}]},
             {function, 3, inc, 1, [{clause, 3, [{var, 3, 'X'}], [], [{op, 3, '+', {var, 3, 'X'}, {integer, 3, V}}]}]},
             {function, 4, name, 0, [{clause, 4, [], [], [{string, 4, "callee v" ++ integer_to_list(V)}]}]}],
    {ok, bench_callee, Bin} = compile:forms(Forms, []),
    Bin.

load_binary(B1, B2) ->
    Warm = 2000, N = 5000,
    _ = [load(I, B1, B2) || I <- lists:seq(1, Warm)],
    T0 = erlang:monotonic_time(nanosecond),
    _ = [load(I, B1, B2) || I <- lists:seq(1, N)],
    T1 = erlang:monotonic_time(nanosecond),
    io:format("RESULT workload=load_binary impl=erlang value=~.3f unit=us n=~b~n", [(T1 - T0) / N / 1000, N]).

load(I, B1, B2) ->
    Bin = case I rem 2 of 0 -> B1; 1 -> B2 end,
    {module, bench_callee} = code:load_binary(bench_callee, "bench_callee.beam", Bin).

scale(N, B1, B2) ->
    Idle = [spawn(fun() -> receive stop -> ok end end) || _ <- lists:seq(1, N)],
    Target = lists:nth(N div 2, Idle),
    Rounds = [begin
                  {module, _} = code:load_binary(bench_callee, "bench_callee.beam", B1),
                  {module, _} = code:load_binary(bench_callee, "bench_callee.beam", B2),
                  T0 = erlang:monotonic_time(nanosecond),
                  false = erlang:check_process_code(Target, bench_callee),
                  T1 = erlang:monotonic_time(nanosecond),
                  false = code:purge(bench_callee),
                  T2 = erlang:monotonic_time(nanosecond),
                  {(T1 - T0) / 1.0e6, (T2 - T1) / 1.0e6}
              end || _ <- lists:seq(1, 6)],
    [_Warm | Measured] = Rounds,
    io:format("RESULT workload=check_process_code impl=erlang value=~.3f unit=ms n=~b~n", [median([C || {C, _} <- Measured]), N]),
    io:format("RESULT workload=purge impl=erlang value=~.3f unit=ms n=~b~n", [median([P || {_, P} <- Measured]), N]),
    [P ! stop || P <- Idle],
    ok.

median(L) -> lists:nth(length(L) div 2 + 1, lists:sort(L)).
