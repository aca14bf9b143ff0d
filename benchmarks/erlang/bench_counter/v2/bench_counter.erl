%% Version 2 of the counting gen_server of upgrade_bench.erl, as bench.Counter v2 on the Java
%% side: its state is a record, which code_change builds from version 1's count.
-module(bench_counter).
-vsn("2").
-behaviour(gen_server).
-export([init/1, handle_call/3, handle_cast/2, code_change/3]).

-record(state, {calls, from_v1}).

init([]) -> {ok, #state{calls = 0, from_v1 = 0}}.

handle_call(_Request, _From, S = #state{calls = Calls}) -> {reply, Calls, S#state{calls = Calls + 1}}.

handle_cast(_Request, S) -> {noreply, S}.

code_change("1", Calls, _Extra) when is_integer(Calls) -> {ok, #state{calls = Calls, from_v1 = Calls}}.
