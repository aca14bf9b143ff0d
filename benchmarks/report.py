#!/usr/bin/env python3
"""Renders RESULTS.md from one run of benchmarks/run.

Reads, from the results directory: jmh-<round>.json (JMH's -rf json), memory.txt and erlang.txt
(lines "RESULT workload=... impl=... value=... unit=..."), and machine.txt (key: value lines
written by benchmarks/run). Every figure is the median of a benchmark's measured iterations (JMH)
or repetitions (Erlang VM) of all rounds pooled; the range is their lowest and highest.

Usage: report.py RESULTS_DIR OUTPUT.md
"""

import json
import statistics
import sys
from pathlib import Path

IMPLS = [
    ("erlang", "Erlang VM"),
    ("pekko", "Apache Pekko"),
    ("virtual-threads-ltq", "bare virtual threads, LinkedTransferQueue"),
    ("virtual-threads-clq", "bare virtual threads, ConcurrentLinkedQueue + park"),
    ("graft", "Graft"),
]


def jmh_impl(method, params):
    """The implementation key of a JMH benchmark method and its parameters."""
    if method == "virtualThreads":
        return {"LinkedTransferQueue": "virtual-threads-ltq",
                "ConcurrentLinkedQueue": "virtual-threads-clq"}.get(params.get("queue"))
    return {"graft": "graft", "pekko": "pekko"}.get(method)

# workload key -> (title, JMH class, JMH params, Erlang function, kind)
# kind: "time" (ns per op, lower is better), "rate" (per second, higher is better),
#       "bytes" (lower is better)
WORKLOADS = [
    ("spawn_exit", "Spawn and exit", "SpawnExit", {}, "time",
     "Time per process to spawn a process that sends its parent one message and exits "
     "(10,000 per batch; the parent then receives the 10,000 messages)."),
    ("ping_pong", "Ping-pong round trip", "PingPong", {}, "time",
     "Time per round trip of a message between two processes (10,000 per batch)."),
    ("one_to_one", "One-to-one throughput", "Throughput", {"senders": "1"}, "rate",
     "Messages per second from one sender to one receiver (100,000 per batch, then an "
     "acknowledgement)."),
    ("four_to_one", "Four-to-one throughput", "Throughput", {"senders": "4"}, "rate",
     "Messages per second from four senders to one receiver (100,000 per batch in all)."),
    ("idle_memory", "Memory per idle process", "IdleMemory", {}, "bytes",
     "Heap (Erlang VM: erlang:memory(processes)) per process, with 100,000 processes waiting "
     "in a receive, measured after garbage collection."),
]

TARGETS = [
    ("spawn_exit", "erlang", 0.2, "at most", "Spawn and exit: at most a fifth of the Erlang VM's time"),
    ("idle_memory", "erlang", 0.5, "at most", "Memory per idle process: at most half of the Erlang VM's"),
    ("ping_pong", "erlang", 1.0, "at most", "Round trip: at most the Erlang VM's"),
    ("ping_pong", "pekko", 1.0, "at most", "Round trip: at most Pekko's"),
    ("one_to_one", "pekko", 1.0, "at least", "One-to-one throughput: at least Pekko's"),
]


def parse_result_lines(path):
    results = []
    if not path.exists():
        return results
    for line in path.read_text().splitlines():
        if not line.startswith("RESULT "):
            continue
        fields = dict(f.split("=", 1) for f in line.split()[1:] if "=" in f)
        results.append(fields)
    return results


def load(results_dir):
    """workload -> impl -> (median, low, high), pooling every round's samples."""
    samples = {}  # (workload, impl) -> values
    for jmh_file in sorted(results_dir.glob("jmh*.json")):
        for r in json.loads(jmh_file.read_text()):
            cls, method = r["benchmark"].split(".")[-2:]
            params = r.get("params", {})
            impl = jmh_impl(method, params)
            for key, _, jmh_cls, jmh_params, _, _ in WORKLOADS:
                if jmh_cls == cls and impl and all(params.get(k) == v for k, v in jmh_params.items()):
                    raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
                    samples.setdefault((key, impl), []).extend(raw)
    # RESULT lines: their repetitions (Erlang VM) or, for the memory probes, their values.
    for fields in parse_result_lines(results_dir / "memory.txt") + parse_result_lines(results_dir / "erlang.txt"):
        reps = [float(x) for x in fields["reps"].split(",")] if "reps" in fields else [float(fields["value"])]
        samples.setdefault((fields["workload"], fields["impl"]), []).extend(reps)
    figures = {w[0]: {} for w in WORKLOADS}
    for (workload, impl), values in samples.items():
        figures.setdefault(workload, {})[impl] = (statistics.median(values), min(values), max(values), len(values))
    return figures


def fmt(kind, value):
    if kind == "time":
        return f"{value / 1000:.3f} µs" if value < 10_000 else f"{value / 1000:.1f} µs"
    if kind == "rate":
        return f"{value / 1e6:.2f} M/s"
    return f"{value:,.0f} B"


def fmt_range(kind, low, high):
    if low == high:
        return "–"
    return f"{fmt(kind, low)} – {fmt(kind, high)}"


def render(figures, machine, out):
    lines = []
    add = lines.append
    add("# Benchmark results")
    add("")
    add("Graft's process runtime beside the Erlang VM, Apache Pekko (typed actors) and bare JDK "
        "virtual threads with a queue, the floor Graft's design can reach (with two queues, as "
        "neither is the faster everywhere: `LinkedTransferQueue`, and a `ConcurrentLinkedQueue` "
        "with park/unpark, Graft's own mailbox scheme). All ran on the same machine in one run "
        "of the command below. Generated by `benchmarks/run`; do not edit.")
    add("")
    add(f"- Command: `{machine.get('command', 'benchmarks/run')}`")
    add(f"- Date: {machine.get('date', '?')}")
    add(f"- Run time: {machine.get('elapsed', '?')}")
    add(f"- Machine: {machine.get('nproc', '?')} cores ({machine.get('cpu', '?')}), "
        f"{machine.get('memory', '?')} memory, {machine.get('os', '?')}")
    add(f"- Java: {machine.get('java', '?')}")
    add(f"- Erlang: {machine.get('erlang', '?')}")
    add(f"- Pekko: {machine.get('pekko', '?')}, default dispatcher and mailbox; JMH {machine.get('jmh', '?')}")
    add(f"- JMH: {machine.get('jmh_settings', '?')}")
    add(f"- Erlang VM: {machine.get('erlang_settings', '?')}")
    add(f"- Memory probes: {machine.get('memory_settings', '?')}")
    add("")
    add("The run is made of rounds; each round runs every JMH benchmark in a fork of its own, "
        "the memory probe once per implementation, and the Erlang workloads in a fresh VM, so "
        "that every implementation is measured early, midway and late in the run. Each figure "
        "is the median of all measured iterations of all rounds (JMH), of all repetitions of "
        "all rounds (Erlang VM, timed the same way: the batch run over and over for an "
        "iteration's time), or of the memory probe's rounds; the range is the lowest and "
        "highest of those samples. On this two-core machine message hand-offs vary 2–3× "
        "between iterations, forks and minutes, with where the schedulers put the two sides: "
        "read the ranges, and compare only figures of one run.")
    add("")

    for key, title, jmh_cls, _, kind, description in WORKLOADS:
        row = figures.get(key, {})
        better = "higher is better" if kind == "rate" else "lower is better"
        source = (f"`dev.graft.bench.{jmh_cls}`" +
                  (f" (`senders={WORKLOADS_PARAMS[key]}`)" if key in WORKLOADS_PARAMS else "") +
                  f", `graft_bench:{key}` on the Erlang VM")
        add(f"## {title}")
        add("")
        add(f"{description} Source: {source}.")
        add("")
        add(f"| Implementation | Median ({better}) | Range | Samples | Graft ÷ this |")
        add("|---|---:|---:|---:|---:|")
        graft = row.get("graft")
        for impl, name in IMPLS:
            fig = row.get(impl)
            if fig is None:
                add(f"| {name} | n/a | | | |")
                continue
            ratio = "" if impl == "graft" or graft is None else f"{graft[0] / fig[0]:.2f}"
            bold = "**" if impl == "graft" else ""
            add(f"| {bold}{name}{bold} | {bold}{fmt(kind, fig[0])}{bold} | {fmt_range(kind, fig[1], fig[2])} | {fig[3]} | {ratio} |")
        add("")

    add("## Targets")
    add("")
    add("| Target | Graft | Reference | Graft ÷ reference | Met |")
    add("|---|---:|---:|---:|:---:|")
    kinds = {w[0]: w[4] for w in WORKLOADS}
    for key, impl, bound, sense, text in TARGETS:
        graft = figures.get(key, {}).get("graft")
        ref = figures.get(key, {}).get(impl)
        if graft is None or ref is None:
            add(f"| {text} | n/a | n/a | | not measured |")
            continue
        ratio = graft[0] / ref[0]
        met = ratio <= bound if sense == "at most" else ratio >= bound
        ref_name = dict(IMPLS)[impl]
        add(f"| {text} | {fmt(kinds[key], graft[0])} | {fmt(kinds[key], ref[0])} ({ref_name}) | "
            f"{ratio:.2f} ({sense} {bound:g}) | {'yes' if met else '**no**'} |")
    add("")
    add("Raw results of this run: `benchmarks/target/results/` (JMH's JSON and log, the memory "
        "probe's and the Erlang VM's output).")
    add("")
    out.write_text("\n".join(lines))


WORKLOADS_PARAMS = {w[0]: w[3]["senders"] for w in WORKLOADS if "senders" in w[3]}


def main():
    results_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    machine = {}
    machine_file = results_dir / "machine.txt"
    if machine_file.exists():
        for line in machine_file.read_text().splitlines():
            if ": " in line:
                k, v = line.split(": ", 1)
                machine[k.strip()] = v.strip()
    render(load(results_dir), machine, out)


if __name__ == "__main__":
    main()
