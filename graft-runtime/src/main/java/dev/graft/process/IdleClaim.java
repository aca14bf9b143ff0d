package dev.graft.process;

import java.util.function.Supplier;

/**
 * A claim on a process that waits idle in its behaviour loop ({@link LoopReceive#claimIdle}):
 * until {@link #release}, the process cannot run, and the claimer may act on the loop object
 * the process waits for, as if the process itself did. Messages sent to the process meanwhile
 * wait in its mailbox, in order; the release wakes it for them.
 *
 * <p>What runs through {@link #runAs} runs as the process: {@link Proc#self()} is the claimed
 * process. Any other runtime call (send, receive, spawn, link, a GenServer call, ...) would
 * need the process's own thread, so it throws {@link ProcessNeeded} instead, and
 * {@code runAs} throws it too, even if the code caught it: the work must then be done by the
 * process itself.
 *
 * <p>Confined to the claiming thread; used once.
 */
public final class IdleClaim {
    final ProcessCell cell;
    private final Object loop;
    private boolean refused;
    private boolean released;

    IdleClaim(ProcessCell cell, Object loop) {
        this.cell = cell;
        this.loop = loop;
    }

    /** The loop object the process waits for, as its loop passed it to {@link LoopReceive#receive(java.util.function.Predicate, long, Object)}. */
    public Object loop() {
        return loop;
    }

    /**
     * Runs {@code body} on this thread as the claimed process.
     *
     * @throws ProcessNeeded if {@code body} made a runtime call that only the process can make
     */
    public <T> T runAs(Supplier<T> body) {
        T result;
        try {
            result = ProcessCell.actingFor(this, body);
        } catch (RuntimeException | Error e) {
            if (refused) {
                throw new ProcessNeeded(cell.pid); // the refusal, whatever the code made of it
            }
            throw e;
        }
        if (refused) {
            throw new ProcessNeeded(cell.pid);
        }
        return result;
    }

    /** Ends the claim: the process runs again when a message, or anything else, comes for it. */
    public void release() {
        if (!released) {
            released = true;
            cell.release();
        }
    }

    ProcessNeeded refuseRuntimeCall() {
        refused = true;
        return new ProcessNeeded(cell.pid);
    }
}
