package dev.graft.process;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A timer started by {@link Proc#sendAfter}; {@link Proc#cancelTimer} stops it. Firing and
 * cancelling race for {@code settled}: the one that sets it wins, so a timer reported
 * cancelled never delivers, and one that delivered is never reported cancelled.
 */
public final class TimerRef {
    final AtomicBoolean settled = new AtomicBoolean();
    ScheduledFuture<?> future; // set once, right after scheduling, before the ref is handed out

    /** Milliseconds left before it fires, 0 once it has fired or been cancelled. */
    long remainingMillis() {
        return Math.max(0L, future.getDelay(TimeUnit.MILLISECONDS));
    }

    @Override
    public String toString() {
        return "#Timer<" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
