package dev.graft.behaviour;

/** A start that did not give a running process, asked for its pid anyway. */
public final class StartException extends RuntimeException {
    private final transient StartResult result;

    public StartException(StartResult result) {
        super("the process did not start: " + result, result instanceof StartResult.Error(Throwable t) ? t : null);
        this.result = result;
    }

    public StartResult result() {
        return result;
    }
}
