%% The client load and the figures of the upgrade benchmarks on the Erlang VM (upgrade_bench.erl,
%% release_bench.erl), the counterpart of dev.graft.bench.upgrade's Clients, CallLog and
%% Latencies: client processes that call random servers with gen_server:call (default timeout,
%% 5 s) in a closed loop, each call logged, and the RESULT line both benchmarks print.
-module(bench_load).
-export([client_count/0, start/1, stop/3, report/6]).

-define(CLIENTS_PER_SCHEDULER, 8).

%% How many clients: enough to keep every scheduler busy, as on the Java side.
client_count() -> ?CLIENTS_PER_SCHEDULER * erlang:system_info(schedulers_online).

%% Starts client_count() clients calling random servers of the tuple Servers.
start(Servers) ->
    Self = self(),
    [spawn(fun() -> client(Self, Servers, I) end) || I <- lists:seq(1, client_count())].

%% Stops the clients once their calls under way have returned; returns the latencies of the calls
%% that completed within the steady window {From, To} and of those under way at some moment of
%% the upgrade window, and how many calls failed.
stop(Clients, Steady, Upgrade) ->
    [C ! {stop, Steady, Upgrade} || C <- Clients],
    Logs = [receive {log, C, Log} -> Log end || C <- Clients],
    {latencies(lists:append([B || {B, _, _} <- Logs])),
     latencies(lists:append([D || {_, D, _} <- Logs])),
     lists:sum([F || {_, _, F} <- Logs])}.

%% Prints the RESULT line of one upgrade: Workload and Way name it; Upgrade = {Start, End} in nanoseconds;
%% Holds each server's unavailability in nanoseconds; {Steady, During, Failed} what stop/3
%% returned; NotUpgraded the servers whose state is not v2's.
report(Workload, Way, Upgrade, Holds, {Steady, During, Failed}, NotUpgraded) ->
    {Start, End} = Upgrade,
    N = length(Holds),
    SortedHolds = lists:sort(Holds),
    io:format("RESULT workload=~s impl=erlang way=~s n=~b clients=~b value=~.1f unit=ms "
              "hold_max_ms=~.1f hold_median_ms=~.1f call_max_during_ms=~.1f p99_during_us=~.1f calls_during=~b "
              "p99_before_us=~.1f calls_before=~b failed=~b not_upgraded=~b~n",
              [Workload, Way, N, client_count(), (End - Start) / 1.0e6,
               lists:last(SortedHolds) / 1.0e6, lists:nth(N div 2 + 1, SortedHolds) / 1.0e6,
               maps:get(max, During) / 1.0e6, maps:get(p99, During) / 1.0e3, maps:get(count, During),
               maps:get(p99, Steady) / 1.0e3, maps:get(count, Steady), Failed, NotUpgraded]).

now_ns() -> erlang:monotonic_time(nanosecond).

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
