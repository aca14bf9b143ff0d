package dev.graft.process;

/**
 * A timer started by {@link Proc#sendAfter}; {@link Proc#cancelTimer} stops it. Firing and
 * cancelling race to disarm it: the one that does wins, so a timer reported cancelled never
 * delivers, and one that delivered is never reported cancelled.
 */
public final class TimerRef extends TimerWheel.Timer {
    private final Runnable send;

    TimerRef(Runnable send) {
        this.send = send;
    }

    @Override
    void expire() {
        send.run();
    }

    @Override
    public String toString() {
        return "#Timer<" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
