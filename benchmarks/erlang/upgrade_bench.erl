%% Upgrading N running gen_servers under client load, the way OTP's release handler does it: the
%% Erlang VM's side of dev.graft.bench.upgrade.UpgradeUnderLoad, with the same phases and figures.
%%
%% N gen_servers of bench_counter v1 (bench_counter/v1/bench_counter.erl) and 8 client processes
%% per scheduler, each calling random servers with gen_server:call (default timeout, 5 s) in a
%% closed loop and logging every call. After ?WARMUP_MS of warm-up and ?BEFORE_MS of steady
%% state, this process upgrades every server to v2 as release_handler_1 evaluates a relup's
%% {suspend, [bench_counter]}, {load, ...}, {code_change, up, ...}, {resume, ...}: sys:suspend
%% each server in turn, code:load_binary v2 (compiled beforehand, as load_object_code does before
%% the point of no return), sys:change_code each in turn, sys:resume each in turn. The clients
%% run on ?AFTER_MS more and stop once their calls under way have returned. A server is
%% unavailable from just before its suspend call until its resume call returned.
%%
%% Prints one line per N, with the fields of the Java side:
%%   RESULT workload=upgrade impl=erlang way=sys n=N clients=C value=<upgrade ms> unit=ms
%%     hold_max_ms= hold_median_ms= call_max_during_ms= p99_during_us= calls_during=
%%     p99_before_us= calls_before= failed= not_upgraded=
%%
%% Run by benchmarks/run:
%%   erlc -o DIR benchmarks/erlang/upgrade_bench.erl
%%   erl -noshell -pa DIR -run upgrade_bench main benchmarks/erlang/bench_counter 1000 10000 100000 -s init stop
-module(upgrade_bench).
-export([main/1]).

-define(CLIENTS_PER_SCHEDULER, 8).
-define(WARMUP_MS, 1000).
-define(BEFORE_MS, 500).
-define(AFTER_MS, 300).

main([Dir | Ns]) ->
    V1 = compile_version(Dir, "v1"),
    V2 = compile_version(Dir, "v2"),
    Clients = ?CLIENTS_PER_SCHEDULER * erlang:system_info(schedulers_online),
    [run(list_to_integer(N), Clients, V1, V2) || N <- Ns],
    ok.

compile_version(Dir, Version) ->
    {ok, bench_counter, Bin} = compile:file(filename:join([Dir, Version, "bench_counter.erl"]), [binary, report]),
    Bin.

now_ns() -> erlang:monotonic_time(nanosecond).

run(N, ClientCount, V1, V2) ->
    {module, bench_counter} = code:load_binary(bench_counter, "bench_counter.erl", V1),
    Servers = [begin {ok, P} = gen_server:start(bench_counter, [], []), P end || _ <- lists:seq(1, N)],
    Self = self(),
    ServerTuple = list_to_tuple(Servers),
    Clients = [spawn(fun() -> client(Self, ServerTuple, I) end) || I <- lists:seq(1, ClientCount)],
    timer:sleep(?WARMUP_MS),
    Before = now_ns(),
    timer:sleep(?BEFORE_MS),
    {Start, End, Holds} = upgrade(Servers, V2),
    timer:sleep(?AFTER_MS),
    [C ! {stop, {Before, Start}, {Start, End}} || C <- Clients],
    Logs = [receive {log, C, Log} -> Log end || C <- Clients],
    NotUpgraded = length([S || S <- Servers, not is_tuple(sys:get_state(S))]),
    Steady = latencies(lists:append([B || {B, _, _} <- Logs])),
    During = latencies(lists:append([D || {_, D, _} <- Logs])),
    Failed = lists:sum([F || {_, _, F} <- Logs]),
    SortedHolds = lists:sort(Holds),
    io:format("RESULT workload=upgrade impl=erlang way=sys n=~b clients=~b value=~.1f unit=ms "
              "hold_max_ms=~.1f hold_median_ms=~.1f call_max_during_ms=~.1f p99_during_us=~.1f calls_during=~b "
              "p99_before_us=~.1f calls_before=~b failed=~b not_upgraded=~b~n",
              [N, ClientCount, (End - Start) / 1.0e6,
               lists:last(SortedHolds) / 1.0e6, lists:nth(N div 2 + 1, SortedHolds) / 1.0e6,
               maps:get(max, During) / 1.0e6, maps:get(p99, During) / 1.0e3, maps:get(count, During),
               maps:get(p99, Steady) / 1.0e3, maps:get(count, Steady), Failed, NotUpgraded]),
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

%% ---- clients ----

client(Parent, Servers, Seed) ->
    rand:seed(exsss, {Seed, Seed, Seed}),
    client_loop(Parent, Servers, tuple_size(Servers), [], 0).

%% Calls until told to stop, then sends its parent the latencies of its calls that completed
%% within the steady window and of those under way at some moment of the upgrade window.
client_loop(Parent, Servers, N, Log, Failed) ->
    receive
        {stop, Steady, Upgrade} ->
            Parent ! {log, self(), {[T1 - T0 || {T0, T1} <- Log, completed_in(T0, T1, Steady)],
                                    [T1 - T0 || {T0, T1} <- Log, overlaps(T0, T1, Upgrade)],
                                    Failed}}
    after 0 ->
        Server = element(rand:uniform(N), Servers),
        T0 = now_ns(),
        Ok = try gen_server:call(Server, inc) of _ -> true catch exit:_ -> false end,
        T1 = now_ns(),
        client_loop(Parent, Servers, N, [{T0, T1} | Log], if Ok -> Failed; true -> Failed + 1 end)
    end.

completed_in(T0, T1, {From, To}) -> T0 >= From andalso T1 =< To.

overlaps(T0, T1, {From, To}) -> T0 =< To andalso T1 >= From.

%% How many, the 99th percentile and the longest, in nanoseconds.
latencies([]) -> #{count => 0, p99 => 0, max => 0};
latencies(Nanos) ->
    Sorted = lists:sort(Nanos),
    Count = length(Sorted),
    #{count => Count, p99 => lists:nth(ceil(Count * 0.99), Sorted), max => lists:last(Sorted)}.
