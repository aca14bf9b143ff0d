package dev.graft.term;

/**
 * A well-formed term of the wrong shape for where it stands, such as a version that is not
 * a string in a {@code .app} file. Made by {@link Located}, so the message names the term's
 * place when it was read from a file: {@code kv.app:4:9: vsn: expected a string, found 1}.
 */
public final class BadTermException extends TermException {
    BadTermException(Position position, String detail) {
        super(position, detail);
    }
}
