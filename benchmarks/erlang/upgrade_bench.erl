%% Upgrading N running gen_servers under client load, the way OTP's release handler does it: the
%% Erlang VM's side of dev.graft.bench.upgrade.UpgradeUnderLoad, with the same phases and figures.
%%
%% N gen_servers of bench_counter v1 (bench_counter/v1/bench_counter.erl) and 8 client processes
%% per scheduler (bench_load.erl), each calling random servers with gen_server:call (default
%% timeout, 5 s) in a closed loop and logging every call. After ?WARMUP_MS of warm-up and
%% ?BEFORE_MS of steady state, this process upgrades every server to v2 as release_handler_1
%% evaluates a relup's {suspend, [bench_counter]}, {load, ...}, {code_change, up, ...}, {resume,
%% ...}: sys:suspend each server in turn, code:load_binary v2 (compiled beforehand, as
%% load_object_code does before the point of no return), sys:change_code each in turn, sys:resume
%% each in turn. The clients run on ?AFTER_MS more and stop once their calls under way have
%% returned. A server is unavailable from just before its suspend call until its resume call
%% returned.
%%
%% Prints one line per N, with the fields of the Java side:
%%   RESULT workload=upgrade impl=erlang way=sys n=N clients=C value=<upgrade ms> unit=ms
%%     hold_max_ms= hold_median_ms= call_max_during_ms= p99_during_us= calls_during=
%%     p99_before_us= calls_before= failed= not_upgraded=
%%
%% Run by benchmarks/run:
%%   erlc -o DIR benchmarks/erlang/bench_load.erl benchmarks/erlang/upgrade_bench.erl
%%   erl -noshell -pa DIR -run upgrade_bench main benchmarks/erlang/bench_counter 1000 10000 100000 -s init stop
-module(upgrade_bench).
-export([main/1]).

-define(WARMUP_MS, 1000).
-define(BEFORE_MS, 500).
-define(AFTER_MS, 300).

main([Dir | Ns]) ->
    V1 = compile_version(Dir, "v1"),
    V2 = compile_version(Dir, "v2"),
    [run(list_to_integer(N), V1, V2) || N <- Ns],
    ok.

compile_version(Dir, Version) ->
    {ok, bench_counter, Bin} = compile:file(filename:join([Dir, Version, "bench_counter.erl"]), [binary, report]),
    Bin.

now_ns() -> erlang:monotonic_time(nanosecond).

run(N, V1, V2) ->
    {module, bench_counter} = code:load_binary(bench_counter, "bench_counter.erl", V1),
    Servers = [begin {ok, P} = gen_server:start(bench_counter, [], []), P end || _ <- lists:seq(1, N)],
    Clients = bench_load:start(list_to_tuple(Servers)),
    timer:sleep(?WARMUP_MS),
    Before = now_ns(),
    timer:sleep(?BEFORE_MS),
    {Start, End, Holds} = upgrade(Servers, V2),
    timer:sleep(?AFTER_MS),
    Calls = bench_load:stop(Clients, {Before, Start}, {Start, End}),
    NotUpgraded = length([S || S <- Servers, not is_tuple(sys:get_state(S))]),
    bench_load:report(upgrade, sys, {Start, End}, Holds, Calls, NotUpgraded),
    [exit(S, kill) || S <- Servers],
    code:purge(bench_counter),
    true = code:delete(bench_counter),
    code:purge(bench_counter),
    ok.

%% The release handler's way; returns when it started and ended, and each server's unavailability.
upgrade(Servers, V2) ->
    Start = now_ns(),
    Suspended = [begin T = now_ns(), ok = sys:suspend(S), T end || S <- Servers],
    {module, bench_counter} = code:load_binary(bench_counter, "bench_counter.erl", V2),
    [ok = sys:change_code(S, bench_counter, "1", []) || S <- Servers],
    Holds = [begin ok = sys:resume(S), now_ns() - T end || {S, T} <- lists:zip(Servers, Suspended)],
    {Start, now_ns(), Holds}.
