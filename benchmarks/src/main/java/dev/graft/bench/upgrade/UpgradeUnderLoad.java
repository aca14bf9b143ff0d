package dev.graft.bench.upgrade;

import dev.graft.code.ModuleVersion;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.sys.Sys;
import java.util.Arrays;
import java.util.Locale;

/**
 * Upgrading N running servers under client load, a scenario rather than a JMH benchmark: N
 * GenServers of module {@code bench.Counter} v1 (started by the {@link UpgradeWay}: loaded
 * through the code server, or supervised in a booted release), and
 * {@value #CLIENTS_PER_CORE} client processes per core (see {@link Clients}) calling random
 * servers in a closed loop, each call logged. After {@value #WARMUP_MS} ms of warm-up (the JIT
 * compiles the call path) and {@value #BEFORE_MS} ms of steady state, one of the client
 * processes upgrades every server to v2 the chosen {@link UpgradeWay} (why a client:
 * {@link Clients}), while the others go on calling; they run on {@value #AFTER_MS} ms more and
 * stop once their calls under way have returned. Then every server is asked for its state,
 * which must be v2's. N runs in increasing order in one JVM, each in a node of its own, so the
 * larger ones find the upgrade's code compiled by the JIT, as a node that has upgraded before.
 *
 * <p>Why so many clients: a client waits for each answer, so it takes several per core to keep
 * the cores busy; with 8 per core the upgrade competes for the CPU with a saturated node, and
 * every held server is met by a caller soon after it stops answering.
 *
 * <p>Why ZGC: G1's young collections copy the stack of every process that ran since the last
 * one; with 100,000 servers woken by an upgrade they paused the node 0.1–0.6 s, in the middle
 * of it.
 *
 * <p>Prints one line per N: {@code RESULT workload=<upgrade|release_upgrade> impl=graft way=<way>
 * n=N clients=C value=<upgrade ms> unit=ms} and
 * <ul>
 *   <li>{@code hold_max_ms}, {@code hold_median_ms}: the longest and the median time one server
 *       could not answer, as the way measures it (an upper bound; see {@link BatchUpgrade},
 *       {@link SysUpgrade}, {@link ReleaseUpgrade});</li>
 *   <li>{@code call_max_during_ms}, {@code p99_during_us}, {@code calls_during}: the calls under
 *       way at some moment of the upgrade: the longest, the 99th percentile, how many;</li>
 *   <li>{@code p99_before_us}, {@code calls_before}: the calls of the steady state before it;</li>
 *   <li>{@code failed}: calls that exited, over the whole run; {@code not_upgraded}: servers
 *       whose state is not v2's afterwards. Both must be 0.</li>
 * </ul>
 * The Erlang VM's counterparts are {@code benchmarks/erlang/upgrade_bench.erl} and, for the
 * release handler, {@code benchmarks/erlang/release_bench.sh}.
 *
 * <p>Run by {@code benchmarks/run}, or alone (from the repository's root, after
 * {@code ./mvnw -q -B -pl benchmarks -am package -DskipTests}):
 * <pre>{@code
 * java -XX:+UseZGC -Xms4g -Xmx4g -cp "benchmarks/target/classes:graft-runtime/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     dev.graft.bench.upgrade.UpgradeUnderLoad batch|sys|release_handler 1000 10000 100000
 * }</pre>
 */
public final class UpgradeUnderLoad {
    static final int CLIENTS_PER_CORE = 8;
    static final long WARMUP_MS = 1000;
    static final long BEFORE_MS = 500;
    static final long AFTER_MS = 300;

    private UpgradeUnderLoad() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: UpgradeUnderLoad batch|sys|release_handler N...");
            System.exit(2);
        }
        int clients = CLIENTS_PER_CORE * Runtime.getRuntime().availableProcessors();
        for (String n : Arrays.copyOfRange(args, 1, args.length)) {
            run(args[0], Integer.parseInt(n), clients);
        }
    }

    /** One upgrade: when it started and ended, and each server's unavailability (nanoseconds). */
    private record Upgrade(long start, long end, long[] holds) {}

    private static void run(String wayName, int n, int clientCount) throws Exception {
        try (Node node = Node.start("upgrade-" + n); UpgradeWay way = UpgradeWay.named(wayName)) {
            Pid[] servers = way.start(node, n).toArray(Pid[]::new);

            Clients clients = Clients.start(node, servers, clientCount);
            Thread.sleep(WARMUP_MS);
            long before = System.nanoTime();
            Thread.sleep(BEFORE_MS);
            Upgrade upgrade = clients.runInside(() -> {
                long start = System.nanoTime();
                UpgradeWay.Upgraded upgraded = way.upgrade();
                return new Upgrade(start, upgraded.end(), upgraded.holds());
            }).get();
            Thread.sleep(AFTER_MS);
            CallLog[] logs = clients.stop();

            long notUpgraded = node.runProcess(() -> Arrays.stream(servers)
                    .filter(s -> !ModuleVersion.of(Sys.getState(s).getClass()).map(v -> v.vsn().equals("2")).orElse(false))
                    .count());
            Latencies steady = CallLog.completedIn(logs, before, upgrade.start());
            Latencies during = CallLog.overlapping(logs, upgrade.start(), upgrade.end());
            long[] holds = upgrade.holds().clone();
            Arrays.sort(holds);
            System.out.printf(Locale.ROOT, "RESULT workload=%s impl=graft way=%s n=%d clients=%d value=%.1f unit=ms "
                            + "hold_max_ms=%.1f hold_median_ms=%.1f call_max_during_ms=%.1f p99_during_us=%.1f calls_during=%d "
                            + "p99_before_us=%.1f calls_before=%d failed=%d not_upgraded=%d%n",
                    way.workload(), way.name(), n, clientCount, (upgrade.end() - upgrade.start()) / 1e6,
                    holds[holds.length - 1] / 1e6, holds[holds.length / 2] / 1e6,
                    during.max() / 1e6, during.p99() / 1e3, during.count(),
                    steady.p99() / 1e3, steady.count(),
                    Arrays.stream(logs).mapToLong(CallLog::failed).sum(), notUpgraded);
        }
    }
}
