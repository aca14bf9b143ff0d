package dev.graft.process;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * The receive of a behaviour loop that the runtime itself started (a GenServer's, a
 * supervisor's): its caller vouches that no module code is on the stack below it. While the
 * process waits there, {@code checkProcessCode} and purge answer for it at once, from that
 * fact, without waking it or walking its stack — the O(1) answer for the many processes that
 * idle in a loop Graft owns.
 *
 * <p>Only the runtime's loops may use it: a module calling it would hide its own frames from
 * purge, so the code server refuses a module that names this class.
 */
public final class LoopReceive {
    private LoopReceive() {}

    /** Like {@link Proc#receive(Predicate, long)}; a null pattern takes any message. */
    public static Object receive(Predicate<Object> pattern, long timeoutMillis) {
        return Proc.me("receive").receive(pattern, Proc.nanos(timeoutMillis), true, true);
    }

    /**
     * Like {@link #receive}; with no timeout ({@link Proc#INFINITY}) the process waits idle for
     * {@code loop}: another thread may claim it ({@link #claimIdle}) and act on {@code loop} for it.
     * The pattern is tested for each message after such a claim, so it may read what the claimer
     * changed.
     */
    public static Object receive(Predicate<Object> pattern, long timeoutMillis, Object loop) {
        return Proc.me("receive").receive(pattern, Proc.nanos(timeoutMillis), true, true, loop);
    }

    /**
     * Claims {@code pid} if it waits idle in a {@link #receive(Predicate, long, Object)}: until
     * the claim is released, the process cannot run, and the caller may act on its loop object.
     * Empty if the process does not wait so (it runs, it waits for something else, or it is dead).
     */
    public static Optional<IdleClaim> claimIdle(Pid pid) {
        return Optional.ofNullable(pid.cell.claimIdle());
    }

    /**
     * Like {@link #receive}, but parks at once when no message has come, without first spinning
     * for one on its way: for a wait that is no round trip's, such as a suspended process's for
     * its resume or a held change's for its batch's decision. Spinning there only takes the
     * carrier from the processes an upgrade wakes by the thousand (100,000 servers prepared a
     * batch about a third faster without it).
     */
    public static Object receiveWithoutSpin(Predicate<Object> pattern, long timeoutMillis) {
        return Proc.me("receive").receive(pattern, Proc.nanos(timeoutMillis), true, false);
    }
}
