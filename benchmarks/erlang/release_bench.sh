#!/usr/bin/env bash
# A release upgrade of N supervised gen_servers under client load with OTP's release_handler
# (release_bench.erl): builds the two releases once, then for each N makes a fresh target system
# from release 1's archive, boots a node from it and runs the benchmark in it, which prints one
# RESULT line. Everything is made in a temporary directory, removed at the end.
#
# Usage: benchmarks/erlang/release_bench.sh N...   (run by benchmarks/run)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ $# -eq 0 ]; then
  echo "usage: release_bench.sh N..." >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/beams" "$work/build"
erlc -o "$work/beams" "$here/bench_load.erl" "$here/release_bench.erl"
erl -noshell -pa "$work/beams" -run release_bench build "$here" "$work/build" -s init stop
# The node runs the installed runtime with the target's root as its root directory, as a target
# system's bin/erl does: the release handler unpacks into, and installs from, code:root_dir().
bindir=$(erl -noshell -eval 'io:format("~s", [filename:join([code:root_dir(), "erts-" ++ erlang:system_info(version), "bin"])]), halt().')
for n in "$@"; do
  root="$work/root-$n"
  mkdir -p "$root"
  erl -noshell -pa "$work/beams" -run release_bench target "$work/build" "$root" -s init stop
  (cd "$work" && ROOTDIR="$root" BINDIR="$bindir" EMU=beam PROGNAME=erl "$bindir/erlexec" \
    -boot "$root/releases/1/start" -noshell -pa "$work/beams" -run release_bench run "$n" -s init stop)
  rm -rf "$root"
done
