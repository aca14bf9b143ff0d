package dev.graft.release;

import dev.graft.term.Atom;
import dev.graft.term.Tuple;

/**
 * A release operation that was refused or rolled back; nothing on disk or in the node changed
 * unless the message says so. {@link #reason} is the reason in OTP's shape, such as
 * {@code {existing_release,"2"}} or {@code {no_such_release,"3"}}, for tools that match on it.
 */
public final class ReleaseException extends Exception {
    private final transient Object reason;

    public ReleaseException(Object reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ReleaseException(Object reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** {@code {Tag, Detail...}}: the reason as a term. */
    static ReleaseException of(String tag, String message, Object... detail) {
        Object[] elements = new Object[detail.length + 1];
        elements[0] = Atom.of(tag);
        System.arraycopy(detail, 0, elements, 1, detail.length);
        return new ReleaseException(detail.length == 0 ? Atom.of(tag) : Tuple.of(elements), message);
    }

    public Object reason() {
        return reason;
    }
}
