package dev.graft.process;

import java.lang.management.ManagementFactory;

/**
 * Whether the processors are busy: the JVM's CPU time since the last look against the
 * wall-clock time times the processors, and the machine's load. The timer wheel asks it once per batch of expired
 * timers, to tell carriers that are idle (it then fires the batch itself) from carriers busy
 * waking one another (it leaves the batch to them). Where the JDK gives no process CPU time
 * (a {@code java.lang.management} without {@code com.sun.management}), it says busy, the safe
 * side: timers are then late by the busy grace, never starved.
 *
 * <p>Not thread-safe: owned by the ticking thread.
 */
final class ProcessorLoad {
    /** The share of all processors' time above which they count as all busy. */
    private static final double SATURATED = 0.6;
    /** The share of the machine's time above which its processors count as all busy. */
    private static final double MACHINE_SATURATED = 0.9;
    /** A shorter look than this keeps the answer of the last. */
    private static final long SHORTEST_NANOS = 1_000_000L;

    private final com.sun.management.OperatingSystemMXBean os =
            ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean b ? b : null;
    private final int processors = Runtime.getRuntime().availableProcessors();
    private long cpuAt = cpuTime();
    private long wallAt = System.nanoTime();
    private boolean saturated;

    /**
     * Whether the JVM used at least three fifths of every processor since the last look, or the
     * machine as a whole at least nine tenths: a JVM that shares the machine gets less than
     * the processors' time even while every carrier is busy.
     */
    boolean saturated() {
        if (os == null) {
            return true;
        }
        long wall = System.nanoTime();
        if (wall - wallAt < SHORTEST_NANOS) {
            return saturated;
        }
        long cpu = cpuTime();
        saturated = cpu - cpuAt >= SATURATED * (wall - wallAt) * processors || os.getCpuLoad() >= MACHINE_SATURATED;
        cpuAt = cpu;
        wallAt = wall;
        return saturated;
    }

    private long cpuTime() {
        return os == null ? 0L : os.getProcessCpuTime();
    }
}
