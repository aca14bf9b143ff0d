package dev.graft.bench.code;

import dev.graft.code.CodeServer;
import dev.graft.code.ModuleBinary;
import dev.graft.process.Node;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The cost of a relink while two threads call in a hot loop: module {@code bench.Caller} calls
 * {@code bench.Callee} remotely; two platform threads call {@code Caller.remoteInc} as fast as
 * they can, noting the longest gap between two consecutive calls; the main thread loads a new
 * version of {@code Callee} 20 times, 200 ms apart. Reports the load time, the longest stall a
 * caller saw per load (median and worst over the loads) and the calls per second before and
 * right after a load (the JIT's recovery).
 *
 * <p>Run by {@code benchmarks/run}, or alone:
 * {@code java -cp <classpath> dev.graft.bench.code.RelinkStall}.
 */
public final class RelinkStall {
    private static final int LOADS = 20;

    private RelinkStall() {}

    public static void main(String[] args) throws Exception {
        try (Node node = Node.start("relink")) {
            CodeServer code = CodeServer.of(node);
            List<ModuleBinary> v1 = BenchModules.compile(node, 1, "Callee.java", "Caller.java");
            ModuleBinary[] callee = {v1.get(0), BenchModules.compile(node, 2, "Callee.java")};
            code.atomicLoadBinaries(v1).orThrow();
            MethodHandle remote = code.function(BenchModules.CALLER, "remoteInc", MethodType.methodType(int.class, int.class));

            AtomicBoolean stop = new AtomicBoolean();
            Caller[] callers = {new Caller(remote, stop), new Caller(remote, stop)};
            for (Caller c : callers) {
                c.start();
            }
            for (Caller c : callers) {
                c.warm.await();
            }
            Thread.sleep(2000); // let the JIT compile the loop before the first load
            double[] loadMs = new double[LOADS];
            double[] stallMs = new double[LOADS];
            double before = 0;
            double after = 0;
            for (int i = 0; i < LOADS; i++) {
                long calls0 = callers[0].calls + callers[1].calls;
                Thread.sleep(100);
                long calls1 = callers[0].calls + callers[1].calls;
                for (Caller c : callers) {
                    c.maxGapNanos = 0;
                }
                long t0 = System.nanoTime();
                code.loadBinary(callee[(i + 1) % 2]).orThrow();
                loadMs[i] = (System.nanoTime() - t0) / 1e6;
                Thread.sleep(10);
                long calls2 = callers[0].calls + callers[1].calls;
                Thread.sleep(90);
                stallMs[i] = Math.max(callers[0].maxGapNanos, callers[1].maxGapNanos) / 1e6;
                before += (calls1 - calls0) / 0.1;
                after += (calls2 - calls1) / 0.11;
            }
            stop.set(true);
            for (Caller c : callers) {
                c.join();
            }
            Arrays.sort(loadMs);
            double[] stalls = stallMs.clone();
            Arrays.sort(stalls);
            System.out.printf(Locale.ROOT, "RESULT workload=relink_load impl=graft value=%.3f unit=ms loads=%d%n", loadMs[LOADS / 2], LOADS);
            System.out.printf(Locale.ROOT, "RESULT workload=relink_stall_median impl=graft value=%.3f unit=ms loads=%d%n", stalls[LOADS / 2], LOADS);
            System.out.printf(Locale.ROOT, "RESULT workload=relink_stall_max impl=graft value=%.3f unit=ms loads=%d%n", stalls[LOADS - 1], LOADS);
            System.out.printf(Locale.ROOT, "RESULT workload=relink_calls_before impl=graft value=%.1f unit=Mcalls/s%n", before / LOADS / 1e6);
            System.out.printf(Locale.ROOT, "RESULT workload=relink_calls_first_10ms_after impl=graft value=%.1f unit=Mcalls/s%n", after / LOADS / 1e6);
        }
    }

    /** A thread that calls in a hot loop and notes the longest gap between two calls. */
    private static final class Caller extends Thread {
        private final MethodHandle remote;
        private final AtomicBoolean stop;
        final CountDownLatch warm = new CountDownLatch(1);
        volatile long calls;
        volatile long maxGapNanos;

        Caller(MethodHandle remote, AtomicBoolean stop) {
            this.remote = remote;
            this.stop = stop;
            setDaemon(true);
        }

        @Override
        public void run() {
            int x = 0;
            long last = System.nanoTime();
            long n = 0;
            long maxGap = 0;
            try {
                while (!stop.get()) {
                    for (int i = 0; i < 1000; i++) {
                        x = (int) remote.invokeExact(x);
                        long now = System.nanoTime();
                        if (now - last > maxGap) {
                            maxGap = now - last;
                        }
                        last = now;
                    }
                    n += 1000;
                    calls = n;
                    if (maxGapNanos == 0 && maxGap > 0) {
                        maxGapNanos = maxGap; // reset by the main thread before each load
                    } else if (maxGap > maxGapNanos) {
                        maxGapNanos = maxGap;
                    }
                    maxGap = 0;
                    if (n == 100_000) {
                        warm.countDown();
                    }
                }
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
