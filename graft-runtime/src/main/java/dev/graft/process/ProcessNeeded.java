package dev.graft.process;

/**
 * Thrown by a runtime call made for a claimed idle process from another thread
 * ({@link IdleClaim#runAs}): the call needs the process's own thread, so what made it must be
 * run again by the process itself.
 */
public final class ProcessNeeded extends RuntimeException {
    ProcessNeeded(Pid pid) {
        super("a runtime call made for the idle process " + pid + " from another thread: only the process can make it",
                null, false, false);
    }
}
