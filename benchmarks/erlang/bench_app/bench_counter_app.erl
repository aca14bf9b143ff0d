%% The application of release_bench.erl's releases: starts bench_counter_sup, to which the
%% benchmark adds its bench_counter servers.
-module(bench_counter_app).
-behaviour(application).
-export([start/2, stop/1]).

start(_Type, _Args) -> bench_counter_sup:start_link().

stop(_State) -> ok.
