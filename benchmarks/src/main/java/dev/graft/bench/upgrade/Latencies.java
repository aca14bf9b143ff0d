package dev.graft.bench.upgrade;

import java.util.Arrays;

/** How many, and how long: the 99th percentile and the longest, of some durations in nanoseconds. */
record Latencies(int count, long p99, long max) {
    static Latencies of(long[] nanos) {
        if (nanos.length == 0) {
            return new Latencies(0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int p99 = (int) Math.ceil(sorted.length * 0.99) - 1;
        return new Latencies(sorted.length, sorted[p99], sorted[sorted.length - 1]);
    }
}
