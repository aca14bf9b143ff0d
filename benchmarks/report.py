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


# Implementations that only some workloads have, and which those workloads' tables show; the
# others show IMPLS.
EXTRA_IMPLS = [
    ("pekko-ask-wait", "Apache Pekko, ask from a waiting virtual thread"),
]
IMPL_NAMES = dict(IMPLS + EXTRA_IMPLS)
WORKLOAD_IMPLS = {
    "gen_server_call": ["erlang", "pekko", "pekko-ask-wait", "graft"],
}


def jmh_impl(method, params):
    """The implementation key of a JMH benchmark method and its parameters."""
    if method == "virtualThreads":
        return {"LinkedTransferQueue": "virtual-threads-ltq",
                "ConcurrentLinkedQueue": "virtual-threads-clq"}.get(params.get("queue"))
    return {"graft": "graft", "pekko": "pekko", "pekkoAskAndWait": "pekko-ask-wait"}.get(method)

# workload key -> (title, JMH class, JMH params, Erlang function, kind)
# kind: "time" (ns per op, lower is better), "rate" (per second, higher is better),
#       "bytes" (lower is better)
WORKLOADS = [
    ("spawn_exit", "Spawn and exit", "SpawnExit", {}, "time",
     "Time per process to spawn a process that sends its parent one message and exits "
     "(10,000 per batch; the parent then receives the 10,000 messages)."),
    ("ping_pong", "Ping-pong round trip", "PingPong", {}, "time",
     "Time per round trip of a message between two processes (10,000 per batch)."),
    ("gen_server_call", "GenServer call round trip", "GenServerCall", {}, "time",
     "Time per synchronous call, the caller waiting for each answer before the next (10,000 per "
     "batch): Graft's `GenServer.call` from a process to a server of a module loaded through the "
     "code server; the Erlang VM's `gen_server:call`; Pekko's ask, between two actors "
     "(`ActorContext.ask`: a temporary reply actor, a timeout, the answer piped back as a "
     "message) and from a virtual thread that waits on `AskPattern.ask`'s result."),
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
    ("gen_server_call", "erlang", 1.0, "at most", "GenServer call: at most the Erlang VM's gen_server:call"),
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


def render(figures, machine, out, results_dir):
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
    add(f"- Load average (1, 5, 15 min): {machine.get('load', '?')}; other work on the machine "
        "slows and spreads the figures of its run")
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
        for impl in WORKLOAD_IMPLS.get(key, [i for i, _ in IMPLS]):
            name = IMPL_NAMES[impl]
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
        ref_name = IMPL_NAMES[impl]
        add(f"| {text} | {fmt(kinds[key], graft[0])} | {fmt(kinds[key], ref[0])} ({ref_name}) | "
            f"{ratio:.2f} ({sense} {bound:g}) | {'yes' if met else '**no**'} |")
    add("")
    render_code(results_dir, add)
    render_upgrade(results_dir, machine, add)
    render_release_upgrade(results_dir, machine, add)
    add("Raw results of this run: `benchmarks/target/results/` (JMH's JSON and log, the memory "
        "probe's and the Erlang VM's output).")
    add("")
    out.write_text("\n".join(lines))


def jmh_code(results_dir):
    """method -> (median, low, high) of the code server's JMH benchmarks."""
    path = results_dir / "jmh-code.json"
    if not path.exists():
        return {}
    figures = {}
    for run in json.loads(path.read_text()):
        method = run["benchmark"].rsplit(".", 1)[1]
        values = [v for it in run["primaryMetric"]["rawData"] for v in it]
        figures[method] = (statistics.median(values), min(values), max(values), run["primaryMetric"]["scoreUnit"])
    return figures


def render_code(results_dir, add):
    """The code server's section: remote calls, loading, migration, relinking, purge, unloading."""
    jmh = jmh_code(results_dir)
    java = parse_result_lines(results_dir / "code.txt")
    erl = parse_result_lines(results_dir / "code-erlang.txt")
    if not (jmh or java or erl):
        return

    def one(rows, workload, impl, **match):
        for r in rows:
            if r["workload"] == workload and r["impl"] == impl and all(r.get(k) == v for k, v in match.items()):
                return float(r["value"])
        return None

    add("# The code server")
    add("")
    add("Measured once per full run, after the rounds above: JMH for calls and loads (1 fork, 3 "
        "warm-up and 5 measured iterations of 1 s), plain programs for the rest. Sources: "
        "`dev.graft.bench.code.*` and `erlang/code_bench.erl`.")
    add("")
    if jmh:
        add("## A remote call and a guarded lambda, against plain calls")
        add("")
        add("`moduleRemote`: module `bench.Caller` calls `bench.Callee.inc`, a call the loader "
            "rewrote into an invokedynamic site linked to Callee's current version; "
            "`moduleLocal`: the same module calling its own function (a plain call); "
            "`remoteFromOutside`: code outside modules calling through `CodeServer.function`; "
            "`direct`: a plain Java static call. `lambdaPlain`: a lambda made outside modules; "
            "`moduleLambda`: the same lambda made by `bench.Caller`, its body guarded so that it "
            "raises badfun once its version is purged; `moduleReference`: `Caller::inc`, through "
            "a guarded bridge. Source: `RemoteCallBenchmark`.")
        add("")
        add("| Call | Median | Range |")
        add("|---|---:|---:|")
        for m in ["direct", "remoteFromOutside", "moduleLocal", "moduleRemote",
                  "lambdaPlain", "moduleLambda", "moduleReference"]:
            if m in jmh:
                med, lo, hi, unit = jmh[m]
                add(f"| {m} | {med:.3f} {unit} | {lo:.3f} – {hi:.3f} |")
        add("")
        if "moduleRemote" in jmh and "moduleLocal" in jmh:
            r = jmh["moduleRemote"][0] / jmh["moduleLocal"][0]
            add(f"Remote ÷ local call: **{r:.2f}** (target at most 1.1: {'met' if r <= 1.1 else '**not met**'}).")
        if "remoteFromOutside" in jmh and "direct" in jmh:
            r = jmh["remoteFromOutside"][0] / jmh["direct"][0]
            add(f"Through `CodeServer.function` ÷ direct call: **{r:.2f}**.")
        if "moduleLambda" in jmh and "lambdaPlain" in jmh:
            r = jmh["moduleLambda"][0] / jmh["lambdaPlain"][0]
            add(f"Guarded ÷ unguarded lambda: **{r:.2f}**.")
        add("")
    load = jmh.get("loadBinary")
    erl_load = one(erl, "load_binary", "erlang")
    if load or erl_load:
        add("## Loading a small module")
        add("")
        add("`loadBinary` of a one-class module, alternating two versions so that each load "
            "replaces the current one and purges the old: the boundary check, the rewrite, a new "
            "class loader, the static initialiser and the switch. The Erlang VM: "
            "`code:load_binary/3` of a module of the same size. Source: `LoadBenchmark`, "
            "`code_bench:load_binary`.")
        add("")
        add("| Implementation | Median |")
        add("|---|---:|")
        if erl_load is not None:
            add(f"| Erlang VM | {erl_load:.1f} µs |")
        if load:
            add(f"| **Graft** | **{load[0]:.1f} µs** (range {load[1]:.1f} – {load[2]:.1f}) |")
        if load and erl_load:
            r = load[0] / erl_load
            add("")
            add(f"Graft ÷ Erlang VM: **{r:.2f}** (target at most 0.2: {'met' if r <= 0.2 else '**not met**'}).")
        add("")
    migration = ["sameShapeRecord", "changedRecord", "nestedState", "sharedString", "sharedList"]
    if any(m in jmh for m in migration):
        add("## Migrating a value to the next version")
        add("")
        add("`Migration.migrate` of one value of `bench.Shop` version 1 to version 2: "
            "`sameShapeRecord`, a two-int record whose shape did not change; `changedRecord`, a "
            "record with a renamed, a dropped and a widened component and three new ones with "
            "defaults; `nestedState`, a record holding five records in a `List.of`, two of them in "
            "a `Map.of` and one in an `Optional`; `sharedString` and `sharedList`, values with "
            "nothing to migrate, returned as they are. Source: `MigrationBenchmark`.")
        add("")
        add("| Value | Median | Range |")
        add("|---|---:|---:|")
        for m in migration:
            if m in jmh:
                med, lo, hi, unit = jmh[m]
                add(f"| {m} | {med:.1f} {unit} | {lo:.1f} – {hi:.1f} |")
        add("")
    if one(java, "relink_stall_median", "graft") is not None:
        add("## A relink under load")
        add("")
        add("Two threads call `Caller.remoteInc` (a remote call into `Callee`) in a hot loop while "
            "`Callee` is loaded anew 20 times, 200 ms apart. Source: `RelinkStall`.")
        add("")
        add("| Figure | Value |")
        add("|---|---:|")
        for w, label, unit in [("relink_load", "load time (median)", "ms"),
                               ("relink_stall_median", "longest stall a caller saw, per load (median)", "ms"),
                               ("relink_stall_max", "longest stall a caller saw, worst load", "ms"),
                               ("relink_calls_before", "calls per second before a load (both threads)", "M/s"),
                               ("relink_calls_first_10ms_after", "calls per second in the 100 ms after", "M/s")]:
            v = one(java, w, "graft")
            if v is not None:
                add(f"| {label} | {v:.3f} {unit} |")
        add("")
    ns = sorted({int(r["n"]) for r in java + erl if r["workload"] in ("purge", "check_process_code")})
    if ns:
        add("## checkProcessCode and purge with many processes")
        add("")
        add("N idle processes wait in a receive; the module has old code that none of them runs. "
            "`checkProcessCode` of one process, and a whole `purge` (which must look at every "
            "process), median of 5 rounds. Graft asks every process to walk its own stack at its "
            "next runtime call; a process still waiting in the receive where it answered is "
            "answered for from a record of its stack without being woken (so every round after the "
            "first, in this workload); `purge_first` is the first round's purge, the one that wakes every "
            "process, beside the Erlang VM's median purge. The `_genservers` rows do the same with N idle "
            "GenServers: they wait in the behaviour loop's receive, which vouches that no module code is on "
            "their stack, so even the first purge answers for them without waking any. "
            "Source: `PurgeScale`, `code_bench:scale`.")
        add("")
        add("| Workload | N | Erlang VM | Graft | Graft ÷ Erlang VM |")
        add("|---|---:|---:|---:|---:|")
        for w in ["check_process_code", "purge", "purge_first",
                  "check_process_code_genservers", "purge_genservers", "purge_first_genservers"]:
            for n in ns:
                g = one(java, w, "graft", n=str(n))
                base = w.removesuffix("_genservers")
                e = one(erl, "purge" if base == "purge_first" else base, "erlang", n=str(n))
                if g is None and e is None:
                    continue
                ratio = f"{g / e:.2f}" if g is not None and e else ""
                add(f"| {w} | {n:,} | {e if e is not None else 'n/a'} ms | {g if g is not None else 'n/a'} ms | {ratio} |")
        add("")
    curve = [r for r in java if r["workload"] == "unloading_metaspace"]
    if curve:
        add("## Unloading: 10,000 load/purge cycles")
        add("")
        add("Metaspace in use and classes loaded after a full GC, every 1,000 cycles of loading a "
            "version of `bench.Callee` and purging the one before. Source: `Unloading`.")
        add("")
        add("| Cycles | Metaspace | Loaded classes |")
        add("|---:|---:|---:|")
        for r in curve:
            add(f"| {int(r['cycles']):,} | {float(r['value']):,.0f} KiB | {int(r['loaded_classes']):,} |")
        add("")


# (impl, way) -> column title of the upgrade tables, in their order
UPGRADE_WAYS = [
    (("erlang", "sys"), "Erlang VM, release handler's way"),
    (("graft", "batch"), "Graft, CodeChangeBatch"),
    (("graft", "sys"), "Graft, release handler's way"),
]

# field -> (row title, unit, scale from the RESULT line's unit to the table's)
UPGRADE_FIGURES = [
    ("value", "upgrade, in all", "ms", 1),
    ("hold_max_ms", "longest time a server was unavailable", "ms", 1),
    ("hold_median_ms", "median time a server was unavailable", "ms", 1),
    ("call_max_during_ms", "longest call under way during the upgrade", "ms", 1),
    ("p99_during_us", "p99 of the calls under way during the upgrade", "ms", 1e-3),
    ("calls_during", "calls under way during the upgrade", "", 1),
    ("p99_before_us", "p99 of the calls of the 0.5 s before", "ms", 1e-3),
    ("calls_before", "calls of the 0.5 s before", "", 1),
    ("failed", "failed calls (whole run)", "", 1),
    ("not_upgraded", "servers not on v2 afterwards", "", 1),
]

# (field, bound, text): Graft's batch against the Erlang VM at the largest N
UPGRADE_TARGETS = [
    ("value", 0.1, "Whole upgrade: at most a tenth of the Erlang VM's"),
    ("hold_max_ms", 0.1, "Longest time a server was unavailable: at most a tenth of the Erlang VM's"),
]


# (impl, way) -> column title of the release upgrade tables, in their order
RELEASE_UPGRADE_WAYS = [
    (("erlang", "release_handler"), "Erlang VM, release_handler"),
    (("graft", "release_handler"), "Graft, ReleaseHandler"),
]


def upgrade_runs(path, workload):
    """(impl, way, n) -> [fields of each run] of the RESULT lines of a workload."""
    runs = {}
    for r in parse_result_lines(path):
        if r.get("workload") == workload:
            runs.setdefault((r["impl"], r["way"], int(r["n"])), []).append(r)
    return runs


def upgrade_figure(runs, impl, way, n, field):
    """(median, low, high) of a field over the runs, or None."""
    values = [float(r[field]) for r in runs.get((impl, way, n), []) if field in r]
    return (statistics.median(values), min(values), max(values)) if values else None


def upgrade_cell(fig, unit, scale):
    if fig is None:
        return "n/a"
    med, lo, hi = (v * scale for v in fig)
    if unit == "":
        text = f"{med:,.0f}"
        return text if lo == hi else f"{text} ({lo:,.0f} – {hi:,.0f})"
    digits = 1 if med >= 10 else 2
    text = f"{med:,.{digits}f} {unit}"
    return text if lo == hi else f"{text} ({lo:,.{digits}f} – {hi:,.{digits}f})"


def render_upgrade_tables(runs, ways, add):
    """One table per N: UPGRADE_FIGURES down, the ways across."""
    for n in sorted({n for _, _, n in runs}):
        add(f"## N = {n:,}")
        add("")
        add("| Figure | " + " | ".join(title for _, title in ways) + " |")
        add("|---|" + "---:|" * len(ways))
        for field, title, unit, scale in UPGRADE_FIGURES:
            add(f"| {title} | " + " | ".join(upgrade_cell(upgrade_figure(runs, impl, way, n, field), unit, scale)
                                            for (impl, way), _ in ways) + " |")
        add("")


def render_upgrade(results_dir, machine, add):
    """The upgrade under load: one table per N, the targets at the largest N."""
    runs = upgrade_runs(results_dir / "upgrade.txt", "upgrade")
    if not runs:
        return

    def figure(impl, way, n, field):
        return upgrade_figure(runs, impl, way, n, field)

    clients = sorted({r["clients"] for rs in runs.values() for r in rs})
    rounds = max(len(rs) for rs in runs.values())
    add("# Upgrading servers under load")
    add("")
    add(f"N GenServers of one module (`bench.Counter` v1, loaded through the code server; on the Erlang "
        f"VM `bench_counter` v1) and {', '.join(clients)} client processes (8 per core) calling random "
        "servers in a closed loop with `GenServer.call` / `gen_server:call` (default 5 s timeout), "
        "every call logged. After 1 s of warm-up and 0.5 s of steady state, every server is upgraded "
        "to v2, whose code change turns v1's count into a v2 record; the clients go on 0.3 s more. "
        "Then every server must hold v2's state.")
    add("")
    add("- **Graft, CodeChangeBatch**: `prepareLoadingBinaries(v2)`, then `CodeChangeBatch.prepare` "
        "(a first round in which no server holds: an idle server is claimed and its codeChange runs "
        "on the upgrading process, a busy one gets a system message; then the seal, from which every "
        "server holds, and a last round for the servers called since), `finishLoading`, `commit` (one "
        "write). A server is counted unavailable from the seal (`holdingSince`) until `commit` has "
        "returned, an upper bound; before the seal it waits only while claimed, which the calls' "
        "latencies during the upgrade show.")
    add("- **Graft, release handler's way**: `Sys.suspend` each server, one call at a time, "
        "`loadBinary(v2)`, `Sys.changeCode` each, `Sys.resume` each.")
    add("- **Erlang VM, release handler's way**, as `release_handler_1` evaluates a relup: "
        "`sys:suspend` each, `code:load_binary` (v2 compiled beforehand), `sys:change_code` each, "
        "`sys:resume` each, one call at a time.")
    add("")
    add("In the release handler's way a server is unavailable from just before its suspend call "
        "until its resume call returned. \"Calls under way during the upgrade\" are those that "
        "started before it ended and returned after it began; their longest is the longest "
        "unavailability the clients saw. A call that exits (times out, finds its server dead) "
        "counts as failed.")
    add("")
    add(f"Each figure is the median of {rounds} run(s), the range in brackets. "
        f"Commands: {machine.get('upgrade_commands', '?')}. Sources: "
        "`dev.graft.bench.upgrade.UpgradeUnderLoad`, `erlang/upgrade_bench.erl`.")
    add("")
    render_upgrade_tables(runs, UPGRADE_WAYS, add)
    n = max(n for _, _, n in runs)
    add(f"## Targets (N = {n:,})")
    add("")
    add("| Target | Graft, CodeChangeBatch | Erlang VM | Graft ÷ Erlang VM | Met |")
    add("|---|---:|---:|---:|:---:|")
    for field, bound, text in UPGRADE_TARGETS:
        g, e = figure("graft", "batch", n, field), figure("erlang", "sys", n, field)
        if g is None or e is None:
            add(f"| {text} | n/a | n/a | | not measured |")
            continue
        ratio = g[0] / e[0]
        add(f"| {text} | {g[0]:,.1f} ms | {e[0]:,.1f} ms | {ratio:.2f} (at most {bound:g}) | "
            f"{'yes' if ratio <= bound else '**no**'} |")
    failed = [figure("graft", "batch", n, f) for f in ("failed", "not_upgraded")]
    if None not in failed:
        bad = sum(f[2] for f in failed)
        add(f"| No failed call, every server on v2 | {bad:,.0f} failed or not upgraded (worst run) | | | "
            f"{'yes' if bad == 0 else '**no**'} |")
    add("")


def render_release_upgrade(results_dir, machine, add):
    """The release upgrade under load: one table per N, the Erlang VM's release_handler beside Graft's."""
    runs = upgrade_runs(results_dir / "release-upgrade.txt", "release_upgrade")
    if not runs:
        return
    clients = sorted({r["clients"] for rs in runs.values() for r in rs})
    rounds = max(len(rs) for rs in runs.values())
    add("# A release upgrade of supervised servers under load")
    add("")
    add("A real release upgrade of N supervised servers of one module: two releases of an application "
        "whose simple_one_for_one supervisor runs N GenServers of `bench.Counter` (on the Erlang VM "
        "gen_servers of `bench_counter`), each child spec listing that module; release 2 has v2 of the "
        "module and the appup `{update, Mod, {advanced, []}}`, from which the relup is made "
        "(`RelupBuilder`; `systools:make_relup`), and each release is packed in an archive "
        "(`ReleaseArchive.create`; `systools:make_tar`). A node boots release 1 from a releases "
        "directory, the N servers are started as the supervisor's children, release 2 is unpacked "
        f"(`unpackRelease`; `release_handler:unpack_release`), and {', '.join(clients)} client processes "
        "(8 per core) call random servers in a closed loop, every call logged, as in the upgrade above. "
        "After 1 s of warm-up and 0.5 s of steady state, release 2 is installed (`installRelease`; "
        "`release_handler:install_release`, timed from the call to its return); the clients go on "
        "0.3 s more. Then every server must hold v2's state.")
    add("")
    add("- **Erlang VM, release_handler**: a target system made from release 1's archive (extracted, "
        "`release_handler:create_RELEASES`) in a temporary directory, the node started on it with "
        "`-boot releases/1/start`; `install_release` evaluates the relup as `release_handler_1` does: "
        "it finds the servers through the supervisors' `which_children`, then `sys:suspend` each, "
        "loads v2, `sys:change_code` each, `sys:resume` each, one call at a time. A server is "
        "unavailable from just before the release handler's suspend call to it until its resume "
        "call returned (a call trace of the release handler process gives both times).")
    add("- **Graft, ReleaseHandler**: `installRelease` runs the relup as one transaction: it finds "
        "the servers through the behaviour index and the supervisors' child specs, prepares v2's "
        "code, has every server run codeChange and hold (`CodeChangeBatch.prepare`), makes v2 "
        "current and commits. A server is unavailable from its codeChange (v2's codeChange notes "
        "the time) until `installRelease` returned: an upper bound, which includes what comes after "
        "the commit (the post-purge of v1, the status file).")
    add("")
    add(f"Each figure is the median of {rounds} run(s), the range in brackets. "
        f"Commands: {machine.get('release_upgrade_commands', '?')}. Sources: "
        "`dev.graft.bench.upgrade.UpgradeUnderLoad` (`ReleaseUpgrade`, `BenchRelease`), "
        "`erlang/release_bench.sh`, `erlang/release_bench.erl`.")
    add("")
    render_upgrade_tables(runs, RELEASE_UPGRADE_WAYS, add)


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
    render(load(results_dir), machine, out, results_dir)


if __name__ == "__main__":
    main()
