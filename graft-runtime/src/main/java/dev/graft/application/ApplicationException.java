package dev.graft.application;

/** An {@link Outcome.Error} turned into an exception by {@link Outcome#orThrow}. */
public final class ApplicationException extends RuntimeException {
    private final transient ApplicationError error;

    public ApplicationException(ApplicationError error) {
        super(String.valueOf(error), error instanceof ApplicationError.BadReturn(var call, Throwable t) ? t : null);
        this.error = error;
    }

    public ApplicationError error() {
        return error;
    }
}
