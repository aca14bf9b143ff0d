package dev.graft.term;

/**
 * A text that is not a sequence of Erlang terms each ended by a dot, as
 * {@code file:consult} would refuse it: the message names the place and what was expected
 * there, e.g. {@code kv.app:3:17: expected ',' or '}' after tuple element, found ']'}.
 */
public final class TermSyntaxException extends TermException {
    TermSyntaxException(Position position, String detail) {
        super(position, detail);
    }
}
