package dev.graft.bench.upgrade;

import java.util.Arrays;

/**
 * One client's calls: when each started and when it returned ({@link System#nanoTime()}), and
 * whether it failed (the caller exited: a timeout, or a server that died). Written by its client
 * only; read by the runner after the client has ended.
 */
final class CallLog {
    private long[] starts = new long[1 << 14];
    private long[] ends = new long[1 << 14];
    private int size;
    private long failed;

    void record(long start, long end, boolean ok) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        size++;
        if (!ok) {
            failed++;
        }
    }

    long failed() {
        return failed;
    }

    /** The calls that started and returned within [from, to]. */
    static Latencies completedIn(CallLog[] logs, long from, long to) {
        return select(logs, from, to, true);
    }

    /** The calls that were under way at some moment of [from, to]. */
    static Latencies overlapping(CallLog[] logs, long from, long to) {
        return select(logs, from, to, false);
    }

    private static Latencies select(CallLog[] logs, long from, long to, boolean whole) {
        long[] nanos = new long[Arrays.stream(logs).mapToInt(l -> l.size).sum()];
        int n = 0;
        for (CallLog log : logs) {
            for (int i = 0; i < log.size; i++) {
                long start = log.starts[i];
                long end = log.ends[i];
                if (whole ? start >= from && end <= to : start <= to && end >= from) {
                    nanos[n++] = end - start;
                }
            }
        }
        return Latencies.of(Arrays.copyOf(nanos, n));
    }
}
