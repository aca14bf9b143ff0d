package dev.graft.bench.code;

import dev.graft.code.CodeServer;
import dev.graft.code.ModuleBinary;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code checkProcessCode} and {@code purge} with many live processes: N idle processes wait
 * in a receive, module {@code bench.Callee} has old code that none of them runs, and we time
 * one {@code checkProcessCode} of one of them, and a whole {@code purge} (which asks every
 * process). Median of five rounds after one warm-up round; the warm-up round's purge is reported
 * apart as {@code purge_first}: it is the one that wakes every process to walk its stack, where
 * later rounds find each process still waiting where it answered. Compare with
 * {@code code_bench:purge} on the Erlang VM.
 *
 * <p>Run by {@code benchmarks/run}, or alone:
 * {@code java -Xmx8g -cp <classpath> dev.graft.bench.code.PurgeScale 10000 100000}.
 * Prints {@code RESULT workload=check_process_code|purge impl=graft value=... unit=ms n=N}.
 */
public final class PurgeScale {
    private PurgeScale() {}

    public static void main(String[] args) throws Exception {
        for (String a : args) {
            run(Integer.parseInt(a));
        }
    }

    private static void run(int n) throws Exception {
        try (Node node = Node.start("purge-" + n)) {
            CodeServer code = CodeServer.of(node);
            ModuleBinary v1 = BenchModules.compile(node, 1, "Callee.java");
            ModuleBinary v2 = BenchModules.compile(node, 2, "Callee.java");
            node.runProcess(() -> {
                Pid[] idle = new Pid[n];
                for (int i = 0; i < n; i++) {
                    idle[i] = Proc.spawn(() -> Proc.receive());
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
                print("check_process_code", check, n);
                print("purge", purge, n);
                System.out.printf(Locale.ROOT, "RESULT workload=purge_first impl=graft value=%.3f unit=ms n=%d%n", firstPurge, n);
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
