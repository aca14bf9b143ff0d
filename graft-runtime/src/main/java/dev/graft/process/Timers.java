package dev.graft.process;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** A node's timers: {@link Proc#sendAfter} and {@link Proc#cancelTimer}, on the node's {@link TimerWheel}. */
final class Timers {
    final TimerWheel wheel;

    Timers(String nodeName) {
        this.wheel = new TimerWheel(nodeName);
    }

    TimerRef sendAfter(long millis, Runnable send) {
        if (millis < 0) {
            throw new IllegalArgumentException("sendAfter: the time must be 0 or more milliseconds, got " + millis);
        }
        TimerRef timer = new TimerRef(send);
        timer.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        timer.armed = true;
        wheel.add(timer);
        return timer;
    }

    /** Erlang's cancel_timer: the time that was left, or empty if it had fired or been cancelled. */
    OptionalLong cancel(TimerRef timer) {
        if (!timer.disarm()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0L, (timer.deadline - System.nanoTime()) / 1_000_000L));
    }

    void shutdown() {
        wheel.shutdown();
    }
}
