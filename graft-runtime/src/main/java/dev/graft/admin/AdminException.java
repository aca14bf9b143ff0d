package dev.graft.admin;

/**
 * A failure to reach or drive a node through its admin channel; {@link #kind} says which, so a
 * command can answer with the right exit code.
 */
public final class AdminException extends Exception {
    /** What went wrong. */
    public enum Kind {
        /** No node answers at the release root. */
        NO_NODE,
        /** The admin directory or a file in it is not safe to trust (owner, permissions). */
        UNSAFE,
        /** The node refused the connection: a wrong cookie or a foreign user. */
        REFUSED,
        /** The node refused or failed the request; {@link #reason} says why. */
        FAILED,
        /** The connection broke, or the other side spoke something else. */
        BROKEN
    }

    private final Kind kind;
    private final String reason;

    public AdminException(Kind kind, String message) {
        this(kind, kind.name().toLowerCase(java.util.Locale.ROOT), message);
    }

    public AdminException(Kind kind, String reason, String message) {
        super(message);
        this.kind = kind;
        this.reason = reason;
    }

    public Kind kind() {
        return kind;
    }

    /** The node's reason for a failed request, a term such as {@code {no_such_release,"9"}}, or the kind's name. */
    public String reason() {
        return reason;
    }
}
