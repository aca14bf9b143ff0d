package dev.graft.sys;

import dev.graft.code.ModuleVersion;
import java.util.function.UnaryOperator;

/**
 * What a behaviour process lets the sys protocol do with it: Erlang's {@code system_*}
 * callbacks of a special process. {@link Sys#handleSystemMessage} calls them in the process
 * itself, so they touch the process's state without any lock.
 */
public interface SystemProcess {
    /** The module sys reports the process runs (the callback module of a behaviour). */
    String module();

    /** The state as {@code getState} shows it. */
    Object systemGetState();

    /**
     * Replaces the state by {@code function(state)} and returns the new state; a function that
     * throws leaves the state as it was and the exception goes to the caller of replaceState.
     */
    Object systemReplaceState(UnaryOperator<Object> function);

    /**
     * Changes the state for the module's current code: Erlang's {@code system_code_change/4}.
     * Throws {@link CodeChangeException} with the reason when it fails, the state unchanged.
     */
    void systemCodeChange(String module, Object oldVsn, Object extra) throws CodeChangeException;

    /**
     * Computes the state for {@code target}'s code without installing it: the first half of a
     * change in a {@link CodeChangeBatch}. Throws {@link CodeChangeException} when it fails. A
     * batch may call it, and then {@link #systemHold}, from another thread while the process
     * waits idle and is claimed ({@link dev.graft.process.IdleClaim#runAs}).
     */
    Object systemPrepareCodeChange(ModuleVersion target, Object oldVsn, Object extra) throws CodeChangeException;

    /**
     * The change of a batch the process has and has not dropped yet (its batch may have decided
     * since), or null. Read by a batch while it claims the process.
     */
    HeldChange systemHeldChange();

    /** Keeps a change prepared for the process while it was claimed idle, as its loop keeps one it prepared itself. */
    void systemHold(HeldChange change);

    /** Installs a state {@link #systemPrepareCodeChange} computed, with {@code target}'s code. */
    void systemInstallCodeChange(ModuleVersion target, Object newState);

    /** Ends the process for {@code reason}: runs its terminate logic, then exits; does not return. */
    void systemTerminate(Object reason);

    /** The state as {@code getStatus} shows it: the behaviour's formatStatus, if it has one. */
    Object formatStatus(SysState state);
}
