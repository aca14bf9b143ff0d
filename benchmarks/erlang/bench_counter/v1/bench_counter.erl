%% Version 1 of the counting gen_server of upgrade_bench.erl, as bench.Counter v1 on the Java
%% side: every call is answered with the count of calls before it; the state is that count.
-module(bench_counter).
-vsn("1").
-behaviour(gen_server).
-export([init/1, handle_call/3, handle_cast/2]).

init([]) -> {ok, 0}.

handle_call(_Request, _From, Calls) -> {reply, Calls, Calls + 1}.

handle_cast(_Request, Calls) -> {noreply, Calls}.
