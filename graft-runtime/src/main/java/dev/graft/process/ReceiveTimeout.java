package dev.graft.process;

/**
 * The timeout of a process's receives: one timer per process, armed when a receive with a
 * timeout is about to park, disarmed when the receive returns, and kept in between, so that a
 * process making call after call arms a timer the wheel still holds by writing two fields.
 * Expiring wakes the process, which finds its deadline passed. Armed and disarmed by the owner;
 * expired by whoever fires the wheel's timers.
 */
final class ReceiveTimeout extends TimerWheel.Timer {
    private final ProcessCell cell;
    private final TimerWheel wheel;

    ReceiveTimeout(ProcessCell cell, TimerWheel wheel) {
        this.cell = cell;
        this.wheel = wheel;
    }

    /** Arms it for {@code deadline}, if it is not already. Owner only. */
    void arm(long deadline) {
        if (!armed || this.deadline != deadline) {
            this.deadline = deadline;
            armed = true;
        }
        wheel.add(this);
    }

    @Override
    void expire() {
        cell.wake();
    }
}
