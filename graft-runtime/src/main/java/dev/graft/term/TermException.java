package dev.graft.term;

import java.util.Optional;

/**
 * A text or a term that is not what was expected. The message reads
 * {@code source:line:column: detail} when the place is known (the term was read from a
 * text), else just the detail (the term was built in Java).
 */
public abstract sealed class TermException extends RuntimeException
        permits TermSyntaxException, BadTermException {
    private final transient Position position;
    private final String detail;

    TermException(Position position, String detail) {
        super(position == null ? detail : position + ": " + detail);
        this.position = position;
        this.detail = detail;
    }

    /** Where the offending text or term starts, if it was read from a text. */
    public Optional<Position> position() {
        return Optional.ofNullable(position);
    }

    /** What is wrong, without the place. */
    public String detail() {
        return detail;
    }
}
