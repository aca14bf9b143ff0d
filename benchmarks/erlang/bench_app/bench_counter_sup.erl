%% The supervisor of release_bench.erl's servers: simple_one_for_one, every child a bench_counter
%% gen_server whose child spec lists bench_counter, by which the release handler finds it.
-module(bench_counter_sup).
-behaviour(supervisor).
-export([start_link/0, init/1]).

start_link() -> supervisor:start_link({local, ?MODULE}, ?MODULE, []).

init([]) ->
    {ok, {#{strategy => simple_one_for_one, intensity => 0, period => 1},
          [#{id => bench_counter, start => {gen_server, start_link, [bench_counter, [], []]},
             modules => [bench_counter]}]}}.
