package dev.graft.sys;

/**
 * A change of code that failed: {@link Sys#changeCode} throws it with the reason, Erlang's
 * {@code {error, Reason}}. The process keeps its state and stays suspended.
 *
 * <p>The reason is an {@link UnknownSystemMessage} for a process that was not suspended, or
 * the exception the code change threw (a failing {@code codeChange}, a state that does not
 * migrate).
 */
public final class CodeChangeException extends RuntimeException {
    private final transient Object reason;

    public CodeChangeException(Object reason) {
        super("code change failed: " + reason, reason instanceof Throwable t ? t : null);
        this.reason = reason;
    }

    public Object reason() {
        return reason;
    }
}
