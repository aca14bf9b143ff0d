package dev.graft.code;

/**
 * One module that could not be loaded: Erlang's {@code {Module, Reason}}, with the details a
 * person needs to fix it.
 */
public record ModuleFailure(String module, LoadError error, String detail) {
    /** Reads as {@code module: reason: detail}. */
    public String describe() {
        return module + ": " + error.atom() + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    }

    @Override
    public String toString() {
        return describe();
    }
}
