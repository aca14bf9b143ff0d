package dev.graft.process;

/**
 * Unwinds a process that is exiting: thrown by {@link Proc#exit(Object)}, and by a runtime
 * call (receive, send, spawn, sleep, ...) of a process that an exit signal has told to die.
 *
 * <p>Like Erlang's {@code exit/1}, the one thrown by {@code Proc.exit(reason)} may be caught.
 * One thrown because of an exit signal may be caught too, but changes nothing: the process
 * keeps its pending exit, the next runtime call throws again, and it dies with that reason even
 * if its function returns.
 */
public final class ProcessExit extends RuntimeException {
    private final transient Object reason;

    ProcessExit(Object reason) {
        super(null, null, false, false);
        this.reason = reason;
    }

    /** The reason the process exits with. */
    public Object reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return "process exit: " + reason;
    }
}
