package dev.graft.sys;

import dev.graft.process.Proc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A change of code a behaviour process prepared in a {@link CodeChangeBatch}: the state
 * {@code codeChange} computed from the process's state, not yet installed. Until the batch
 * decides, the loop receives through {@link #accepts}, and before it handles the message
 * {@link #settle} says whether to drop the change, and installs it if the batch committed.
 *
 * <p>A change is first <em>prepared</em>: the process goes on serving on its old code and
 * state, and the first message that could change that state makes the change <em>stale</em>
 * (the process drops it; the batch prepares it again). Once the batch has <em>sealed</em> it,
 * the process holds: it takes system messages that leave its state alone, its parent's exit
 * (taken by its loop), and nothing else until the batch decides, so the sealed change still
 * matches the state at the commit.
 *
 * <p>Thread-safety: {@code status} goes from PREPARED to SEALED (the batch) or to STALE (the
 * process) by CAS, so exactly one of the two wins. Everything else is the process's, but for
 * the constructor, run by whoever prepared the change (the process, or the batch while it had
 * claimed the idle process), before the process could see it.
 */
public final class HeldChange {
    private static final int PREPARED = 0;
    private static final int SEALED = 1;
    private static final int STALE = 2;
    private static final VarHandle STATUS;

    static {
        try {
            STATUS = MethodHandles.lookup().findVarHandle(HeldChange.class, "status", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final CodeChangeBatch batch;
    private final Object newState;
    private volatile int status;
    /** The process's own: it has asked the batch for a nudge when it decides. */
    private boolean awaitingNudge;

    HeldChange(CodeChangeBatch batch, Object newState, boolean sealed) {
        this.batch = batch;
        this.newState = newState;
        this.status = sealed ? SEALED : PREPARED;
    }

    /**
     * The receive pattern while the process has this change: whether it may take {@code m} now.
     * A message that may change the state makes a prepared change stale; a sealed change
     * defers it until the batch decides.
     */
    public boolean accepts(Object m) {
        if (m instanceof SystemMessage s && leavesTheStateAlone(s.request()) || batch.decided()) {
            return true;
        }
        if (status == STALE || STATUS.compareAndSet(this, PREPARED, STALE)) {
            return true; // the change is stale: the process drops it and takes the message
        }
        if (!awaitingNudge) {
            awaitingNudge = true;
            return batch.nudgeWhenDecided(Proc.self());
        }
        return false;
    }

    private static boolean leavesTheStateAlone(SystemRequest r) {
        return !(r instanceof SystemRequest.ReplaceState || r instanceof SystemRequest.ChangeCode);
    }

    /**
     * Installs the change into {@code process} if the batch committed; whether the process
     * drops this now: the batch decided, or the change went stale.
     */
    public boolean settle(SystemProcess process) {
        if (status == STALE) {
            return true;
        }
        if (!batch.decided()) {
            return false;
        }
        if (batch.committed()) {
            process.systemInstallCodeChange(batch.target, newState);
        }
        return true;
    }

    /** Seals a prepared change; false if it went stale first. */
    boolean seal() {
        return STATUS.compareAndSet(this, PREPARED, SEALED) || status == SEALED;
    }
}
