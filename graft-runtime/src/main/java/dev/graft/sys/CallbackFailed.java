package dev.graft.sys;

/**
 * The exit reason of a caller of {@link Sys#getState} or {@link Sys#replaceState} whose
 * function, or the process's state callback, threw: Erlang's {@code {callback_failed, Where,
 * {Class, Reason}}}. The process's state is unchanged.
 */
public record CallbackFailed(String where, Throwable cause) {
    @Override
    public String toString() {
        return "{callback_failed," + where + "," + cause + "}";
    }
}
