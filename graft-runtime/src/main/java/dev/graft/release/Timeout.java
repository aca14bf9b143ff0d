package dev.graft.release;

import dev.graft.term.Atom;
import dev.graft.term.Located;

/**
 * How long the release handler waits for a process to suspend or to change its code:
 * {@code default} (the {@code sys} call's own, 5 seconds), {@code infinity}, or a positive
 * number of milliseconds.
 */
public sealed interface Timeout {
    Timeout DEFAULT = new Default();
    Timeout INFINITY = new Infinity();

    record Default() implements Timeout {}

    record Infinity() implements Timeout {}

    record Millis(long millis) implements Timeout {
        public Millis {
            if (millis <= 0) {
                throw new IllegalArgumentException("a timeout is a positive number of milliseconds, not " + millis);
            }
        }
    }

    /** The term: {@code default}, {@code infinity} or the milliseconds. */
    default Object toTerm() {
        return switch (this) {
            case Default d -> Atom.of("default");
            case Infinity i -> Atom.of("infinity");
            case Millis m -> m.millis();
        };
    }

    static Timeout parse(Located timeout, String what) {
        if (timeout.isAtom("default")) {
            return DEFAULT;
        }
        if (timeout.isAtom("infinity")) {
            return INFINITY;
        }
        if (timeout.term() instanceof Long ms && ms > 0) {
            return new Millis(ms);
        }
        throw timeout.error(what + ": expected a timeout (default, infinity or a positive integer), found " + timeout.shown());
    }
}
