package dev.graft.process;

import java.util.OptionalLong;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A node's timers: {@link Proc#sendAfter} and {@link Proc#cancelTimer}. One daemon platform
 * thread per node, started on first use, fires them; cancelled timers leave its queue at once.
 */
final class Timers {
    private final String nodeName;
    private volatile ScheduledThreadPoolExecutor executor;

    Timers(String nodeName) {
        this.nodeName = nodeName;
    }

    TimerRef sendAfter(long millis, Runnable send) {
        if (millis < 0) {
            throw new IllegalArgumentException("sendAfter: the time must be 0 or more milliseconds, got " + millis);
        }
        TimerRef timer = new TimerRef();
        timer.future = executor().schedule(() -> {
            if (timer.settled.compareAndSet(false, true)) {
                send.run();
            }
        }, millis, TimeUnit.MILLISECONDS);
        return timer;
    }

    /** Erlang's cancel_timer: the time that was left, or empty if it had fired or been cancelled. */
    OptionalLong cancel(TimerRef timer) {
        if (!timer.settled.compareAndSet(false, true)) {
            return OptionalLong.empty();
        }
        long left = timer.remainingMillis();
        timer.future.cancel(false);
        return OptionalLong.of(left);
    }

    private ScheduledThreadPoolExecutor executor() {
        ScheduledThreadPoolExecutor e = executor;
        if (e == null) {
            synchronized (this) {
                e = executor;
                if (e == null) {
                    e = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread t = new Thread(r, "graft-timers-" + nodeName);
                        t.setDaemon(true);
                        return t;
                    });
                    e.setRemoveOnCancelPolicy(true);
                    executor = e;
                }
            }
        }
        return e;
    }

    void shutdown() {
        ScheduledThreadPoolExecutor e = executor;
        if (e != null) {
            e.shutdownNow();
        }
    }
}
