package dev.graft.process;

/**
 * The timeout of a process's receives: a timer armed when a receive with a timeout is about to
 * park, disarmed when the receive returns, and kept for the next, so that a process making call
 * after call arms a timer the wheel still holds by writing two fields.
 * Expiring wakes the process, which finds its deadline passed. Armed and disarmed by the owner;
 * expired by whoever fires the wheel's timers.
 */
final class ReceiveTimeout extends TimerWheel.Timer {
    private final ProcessCell cell;
    private final TimerWheel wheel;
    /** Owner only: the latest deadline it was armed for. */
    private long latest;

    /** A timeout armed for {@code deadline}. */
    ReceiveTimeout(ProcessCell cell, TimerWheel wheel, long deadline) {
        this.cell = cell;
        this.wheel = wheel;
        latest = deadline;
        arm();
    }

    /**
     * Arms it again, for {@code deadline}; false, arming nothing, if the deadline is earlier than
     * one it was armed for before: the wheel may hold it where it looks only at that later
     * deadline, so an earlier one needs a timer of its own. Deadlines that only grow (call after
     * call with the same timeout) re-arm one timer for ever. Owner only.
     */
    boolean rearm(long deadline) {
        if (deadline - latest < 0) {
            return false;
        }
        latest = deadline;
        arm();
        return true;
    }

    private void arm() {
        deadline = latest;
        armed = true;
        wheel.add(this);
    }

    @Override
    void expire() {
        cell.wake();
    }
}
