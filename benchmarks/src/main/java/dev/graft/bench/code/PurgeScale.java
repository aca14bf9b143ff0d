package dev.graft.bench.code;

import dev.graft.behaviour.GenServer;
import dev.graft.code.CodeServer;
import dev.graft.code.ModuleBinary;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code checkProcessCode} and {@code purge} with many live processes: N idle processes wait
 * in a receive, module {@code bench.Callee} has old code that none of them runs, and we time
 * one {@code checkProcessCode} of one of them, and a whole {@code purge} (which asks every
 * process). Median of five rounds after one warm-up round; the warm-up round's purge is reported
 * apart as {@code purge_first}: it is the one that wakes every process to walk its stack, where
 * later rounds find each process still waiting where it answered. Compare with
 * {@code code_bench:purge} on the Erlang VM.
 *
 * <p>Two populations: plain processes waiting in a receive (each must walk its stack the first
 * time), and idle GenServers ({@code _genservers} workloads), which wait in a receive that
 * vouches no module code is below it, so purge answers for them without waking any.
 *
 * <p>Run by {@code benchmarks/run}, or alone:
 * {@code java -Xmx8g -cp <classpath> dev.graft.bench.code.PurgeScale 10000 100000}.
 * Prints {@code RESULT workload=check_process_code|purge|purge_first[_genservers] impl=graft value=... unit=ms n=N}.
 */
public final class PurgeScale {
    private PurgeScale() {}

    public static void main(String[] args) throws Exception {
        for (String a : args) {
            run(Integer.parseInt(a));
        }
    }

    private static void run(int n) throws Exception {
        measure(n, "", () -> Proc.spawn(() -> Proc.receive()));
        measure(n, "_genservers", () -> GenServer.start(Idle.class, null).pid());
    }

    /** A GenServer that does nothing: the common case, a server idle in its loop. */
    public static final class Idle implements GenServer<Object> {
        @Override
        public Init<Object> init(Object args) {
            return Init.ok("idle");
        }
    }

    /**
     * Times checkProcessCode and purge with {@code n} processes that {@code spawn} makes; the
     * workloads are named with {@code suffix}.
     */
    private static void measure(int n, String suffix, Supplier<Pid> spawn) throws Exception {
        try (Node node = Node.start("purge-" + n + suffix)) {
            CodeServer code = CodeServer.of(node);
            ModuleBinary v1 = BenchModules.compile(node, 1, "Callee.java");
            ModuleBinary v2 = BenchModules.compile(node, 2, "Callee.java");
            node.runProcess(() -> {
                Pid[] idle = new Pid[n];
                for (int i = 0; i < n; i++) {
                    idle[i] = spawn.get();
                }
                double[] check = new double[5];
                double[] purge = new double[5];
                double firstPurge = 0;
                for (int round = -1; round < 5; round++) {
                    code.loadBinary(v1).orThrow();
                    code.loadBinary(v2).orThrow(); // v1 is old now
                    long t0 = System.nanoTime();
                    code.checkProcessCode(idle[n / 2], BenchModules.CALLEE);
                    long t1 = System.nanoTime();
                    code.purge(BenchModules.CALLEE);
                    long t2 = System.nanoTime();
                    if (round >= 0) {
                        check[round] = (t1 - t0) / 1e6;
                        purge[round] = (t2 - t1) / 1e6;
                    } else {
                        firstPurge = (t2 - t1) / 1e6;
                    }
                }
                print("check_process_code" + suffix, check, n);
                print("purge" + suffix, purge, n);
                System.out.printf(Locale.ROOT, "RESULT workload=purge_first%s impl=graft value=%.3f unit=ms n=%d%n",
                        suffix, firstPurge, n);
                return null;
            });
        }
    }

    private static void print(String workload, double[] ms, int n) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "RESULT workload=%s impl=graft value=%.3f unit=ms n=%d%n",
                workload, sorted[sorted.length / 2], n);
    }
}
