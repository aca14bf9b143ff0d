package dev.graft.behaviour;

/**
 * Erlang's {@code undef} for a behaviour: the callback module was deleted, so the process has
 * no code to handle its next message with. The process exits with this as its reason.
 */
public final class UndefinedCallbackModuleException extends RuntimeException {
    public UndefinedCallbackModuleException(String module) {
        super("undef: callback module " + module + " is not loaded");
    }
}
