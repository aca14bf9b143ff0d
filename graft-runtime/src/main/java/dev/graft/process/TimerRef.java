package dev.graft.process;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A timer started by {@link Proc#sendAfter}; {@link Proc#cancelTimer} stops it. */
public final class TimerRef {
    final ScheduledFuture<?> future;

    TimerRef(ScheduledFuture<?> future) {
        this.future = future;
    }

    /** Milliseconds left before it fires, 0 once it has fired or been cancelled. */
    long remainingMillis() {
        return Math.max(0L, future.getDelay(TimeUnit.MILLISECONDS));
    }

    @Override
    public String toString() {
        return "#Timer<" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
