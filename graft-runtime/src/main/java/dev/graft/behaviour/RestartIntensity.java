package dev.graft.behaviour;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The restarts a supervisor made lately, against its restart intensity: Erlang's
 * {@code add_restart}. A restart counts for {@code period} seconds after it, measured on the
 * monotonic clock (OTP counts in whole seconds; this counts exactly).
 *
 * <p>Confined to the supervisor's process.
 */
final class RestartIntensity {
    /** When each restart still counting was made, in {@link System#nanoTime} units, oldest first. */
    private final ArrayDeque<Long> restarts = new ArrayDeque<>();

    /** Counts a restart now; false if that makes more than the flags' intensity within their period. */
    boolean add(Supervisor.Flags flags) {
        long now = System.nanoTime();
        long period = TimeUnit.SECONDS.toNanos(flags.period());
        while (!restarts.isEmpty() && now - restarts.peekFirst() > period) {
            restarts.pollFirst();
        }
        restarts.addLast(now);
        return restarts.size() <= flags.intensity();
    }
}
