%% The Erlang VM's side of Graft's benchmarks: the workloads of the JMH benchmarks in
%% benchmarks/src/main/java/dev/graft/bench, written the plain Erlang way, for RESULTS.md.
%%
%%   spawn_exit     SpawnExit:  spawn ?SPAWN_N processes that each send the parent one message
%%                  and exit, then receive the ?SPAWN_N messages; ns per process.
%%   ping_pong      PingPong:   {ping, self()} to a long-lived ponger, which answers pong,
%%                  ?ROUND_TRIPS times; ns per round trip.
%%   gen_server_call  GenServerCall: gen_server:call (default 5 s timeout) to a long-lived
%%                  gen_server (this module's callbacks) that answers each call with the count
%%                  of calls before it, ?CALLS times; ns per call.
%%   one_to_one     Throughput senders=1: long-lived senders send ?MESSAGES messages in all to
%%   four_to_one    Throughput senders=4  one sink, then {done, Caller}; the sink acknowledges
%%                  once every sender's done has come; messages per second.
%%   idle_memory    IdleMemory: erlang:memory(processes) after garbage collection, before and
%%                  after spawning ?IDLE_N processes that wait in a receive; bytes per process.
%%
%% Each timed workload is measured as JMH measures the Java ones: a repetition runs the batch
%% over and over for a fixed time (a JMH iteration: 1 s, or 0.5 s with quick) and yields time per
%% operation or operations per second; 3 warm-up repetitions (quick: 2) are discarded and the
%% median of the 5 others (quick: 3) is reported, each of them too. benchmarks/run starts the VM
%% as many times as JMH forks a JVM, and takes the median of all their repetitions.
%%
%% Run by benchmarks/run, which compiles this file into a temporary directory:
%%   erlc -o "$TMP" benchmarks/erlang/graft_bench.erl
%%   erl -noshell -pa "$TMP" -run graft_bench main full      (or quick)
%% Prints one line per workload:
%%   RESULT workload=ping_pong impl=erlang value=<median> unit=ns/op reps=<each repetition>
-module(graft_bench).
-behaviour(gen_server).
-export([main/1]).
-export([init/1, handle_call/3, handle_cast/2]). % the server of gen_server_call

-define(SPAWN_N, 10000).
-define(ROUND_TRIPS, 10000).
-define(CALLS, 10000).
-define(MESSAGES, 100000).
-define(IDLE_N, 100000).

main(Args) ->
    {Warmups, Reps, RepMillis} =
        case Args of
            ["quick"] -> {2, 3, 500};
            _ -> {3, 5, 1000}
        end,
    Run = fun(Name, Unit, Setup, Op, Teardown) ->
                  State = Setup(),
                  Values = [repetition(fun() -> Op(State) end, Unit, RepMillis)
                            || _ <- lists:seq(1, Warmups + Reps)],
                  Teardown(State),
                  report(Name, Unit, lists:nthtail(Warmups, Values))
          end,
    Nothing = fun() -> none end,
    Ignore = fun(_) -> ok end,
    Run(spawn_exit, {time, ?SPAWN_N}, Nothing, fun(_) -> spawn_exit() end, Ignore),
    Run(ping_pong, {time, ?ROUND_TRIPS},
        fun() -> spawn(fun ponger/0) end, fun ping_pong/1, fun(P) -> P ! stop end),
    Run(gen_server_call, {time, ?CALLS},
        fun() -> {ok, S} = gen_server:start(?MODULE, [], []), S end, fun gen_server_calls/1, fun gen_server:stop/1),
    Run(one_to_one, {rate, ?MESSAGES}, fun() -> senders(1) end, fun throughput/1, fun stop_senders/1),
    Run(four_to_one, {rate, ?MESSAGES}, fun() -> senders(4) end, fun throughput/1, fun stop_senders/1),
    idle_memory(),
    halt(0).

%% ---- measuring ----

%% Runs Op until RepMillis have passed; returns ns per operation or operations per second.
repetition(Op, Unit, RepMillis) ->
    Start = erlang:monotonic_time(nanosecond),
    Deadline = Start + RepMillis * 1000000,
    Batches = repeat(Op, Deadline, 0),
    Elapsed = erlang:monotonic_time(nanosecond) - Start,
    case Unit of
        {time, PerBatch} -> Elapsed / (Batches * PerBatch);
        {rate, PerBatch} -> Batches * PerBatch * 1.0e9 / Elapsed
    end.

repeat(Op, Deadline, Done) ->
    Op(),
    case erlang:monotonic_time(nanosecond) >= Deadline of
        true -> Done + 1;
        false -> repeat(Op, Deadline, Done + 1)
    end.

report(Name, Unit, Values) ->
    UnitName = case Unit of {time, _} -> "ns/op"; {rate, _} -> "ops/s" end,
    io:format("RESULT workload=~s impl=erlang value=~.1f unit=~s reps=~s~n",
              [Name, median(Values), UnitName,
               lists:join(",", [io_lib:format("~.1f", [V]) || V <- Values])]).

median(Values) ->
    Sorted = lists:sort(Values),
    N = length(Sorted),
    case N rem 2 of
        1 -> lists:nth(N div 2 + 1, Sorted);
        0 -> (lists:nth(N div 2, Sorted) + lists:nth(N div 2 + 1, Sorted)) / 2
    end.

%% ---- spawn and exit ----

spawn_exit() ->
    Parent = self(),
    Child = fun() -> Parent ! done end,
    spawn_n(?SPAWN_N, Child),
    receive_done(?SPAWN_N).

spawn_n(0, _) -> ok;
spawn_n(N, Child) ->
    spawn(Child),
    spawn_n(N - 1, Child).

receive_done(0) -> ok;
receive_done(N) ->
    receive done -> receive_done(N - 1) end.

%% ---- ping-pong ----

ponger() ->
    receive
        {ping, From} ->
            From ! pong,
            ponger();
        stop ->
            ok
    end.

ping_pong(Ponger) ->
    ping_n(?ROUND_TRIPS, Ponger, {ping, self()}).

ping_n(0, _, _) -> ok;
ping_n(N, Ponger, Ping) ->
    Ponger ! Ping,
    receive pong -> ping_n(N - 1, Ponger, Ping) end.

%% ---- gen_server call ----

init([]) -> {ok, 0}.

handle_call(_Request, _From, Calls) -> {reply, Calls, Calls + 1}.

handle_cast(_Request, Calls) -> {noreply, Calls}.

gen_server_calls(Server) ->
    call_n(?CALLS, Server).

call_n(0, _) -> ok;
call_n(N, Server) ->
    _ = gen_server:call(Server, inc),
    call_n(N - 1, Server).

%% ---- throughput ----

senders(N) ->
    Sink = spawn(fun() -> sink(N, 0) end),
    {Sink, [spawn(fun() -> sender(Sink) end) || _ <- lists:seq(1, N)]}.

stop_senders({Sink, Senders}) ->
    [S ! stop || S <- Senders],
    exit(Sink, kill).

throughput({_Sink, Senders}) ->
    Go = {go, ?MESSAGES div length(Senders), {done, self()}},
    [S ! Go || S <- Senders],
    receive ack -> ok end.

sink(Senders, Dones) ->
    receive
        msg ->
            sink(Senders, Dones);
        {done, From} when Dones + 1 =:= Senders ->
            From ! ack,
            sink(Senders, 0);
        {done, _} ->
            sink(Senders, Dones + 1)
    end.

sender(Sink) ->
    receive
        {go, Count, Done} ->
            send_n(Count, Sink),
            Sink ! Done,
            sender(Sink);
        stop ->
            ok
    end.

send_n(0, _) -> ok;
send_n(N, Sink) ->
    Sink ! msg,
    send_n(N - 1, Sink).

%% ---- idle memory ----

%% The processes that wait are spawned by a helper, and the helper's own memory (it keeps their
%% pids) is left out, as the Java probe allocates its array of handles before its first reading.
idle_memory() ->
    Self = self(),
    Helper = spawn(fun() -> idle_helper(Self) end),
    receive {Helper, ready} -> ok end,
    {Procs0, Total0} = memory_without(Helper),
    Helper ! spawn,
    receive {Helper, spawned} -> ok end,
    {Procs1, Total1} = memory_without(Helper),
    io:format("RESULT workload=idle_memory impl=erlang value=~.1f unit=B/process n=~b before=~b after=~b "
              "total_value=~.1f~n",
              [(Procs1 - Procs0) / ?IDLE_N, ?IDLE_N, Procs0, Procs1, (Total1 - Total0) / ?IDLE_N]),
    Helper ! stop.

idle_helper(Parent) ->
    Idle = fun() -> receive stop -> ok end end,
    Parent ! {self(), ready},
    receive spawn -> ok end,
    Pids = [spawn(Idle) || _ <- lists:seq(1, ?IDLE_N)],
    [wait_until_waiting(P) || P <- Pids],
    Parent ! {self(), spawned},
    receive stop -> [P ! stop || P <- Pids] end.

wait_until_waiting(Pid) ->
    case erlang:process_info(Pid, status) of
        {status, waiting} -> ok;
        _ -> timer:sleep(1), wait_until_waiting(Pid)
    end.

%% erlang:memory(processes) and erlang:memory(total), less the helper's own memory, after every
%% process has been garbage collected.
memory_without(Helper) ->
    [erlang:garbage_collect(P) || P <- erlang:processes()],
    timer:sleep(100),
    [erlang:garbage_collect(P) || P <- erlang:processes()],
    {memory, Own} = erlang:process_info(Helper, memory),
    [{processes, Procs}, {total, Total}] = erlang:memory([processes, total]),
    {Procs - Own, Total - Own}.
