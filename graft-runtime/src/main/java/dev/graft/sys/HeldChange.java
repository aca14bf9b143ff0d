package dev.graft.sys;

import dev.graft.process.Exit;
import dev.graft.process.Pid;
import dev.graft.process.Proc;

/**
 * A change of code a behaviour process prepared in a {@link CodeChangeBatch} and holds until
 * the batch decides. Meanwhile its loop receives through {@link #accepts}: system messages and
 * its parent's exit only, every other message waiting in order. Before it handles the next
 * message, {@link #settle} installs the change if the batch committed.
 *
 * <p>Confined to the process that holds it.
 */
public final class HeldChange {
    private final CodeChangeBatch batch;
    private final Object newState;
    private final Pid self;
    private final Pid parent;
    private boolean awaitingNudge;

    HeldChange(CodeChangeBatch batch, Object newState, Pid parent) {
        this.batch = batch;
        this.newState = newState;
        this.self = Proc.self();
        this.parent = parent;
    }

    /** The receive pattern while holding: what the process may take before the batch decides. */
    public boolean accepts(Object m) {
        if (m instanceof SystemMessage || batch.decided()) {
            return true;
        }
        if (parent != null && m instanceof Exit e && e.from().equals(parent)) {
            return true;
        }
        if (!awaitingNudge) {
            awaitingNudge = true;
            return batch.nudgeWhenDecided(self);
        }
        return false;
    }

    /**
     * Installs the change into {@code process} if the batch committed; whether the batch has
     * decided, after which the process drops this.
     */
    public boolean settle(SystemProcess process) {
        if (!batch.decided()) {
            return false;
        }
        if (batch.committed()) {
            process.systemInstallCodeChange(batch.target, newState);
        }
        return true;
    }
}
