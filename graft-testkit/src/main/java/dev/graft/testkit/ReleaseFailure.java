package dev.graft.testkit;

import dev.graft.release.ReleaseException;

/**
 * A release operation of a {@link ReleaseNode} that failed, as a test failure: the message says
 * what was done, whether the node was left as it was (an install rolled back), the release
 * handler's reason in OTP's shape ({@code {code_change_failed, ...}}), and its message; the
 * cause is the {@link ReleaseException}.
 */
public final class ReleaseFailure extends AssertionError {
    private final transient Object reason;

    ReleaseFailure(String message, ReleaseException cause) {
        super(message + "\nreason: " + cause.reason() + "\n" + cause.getMessage(), cause);
        this.reason = cause.reason();
    }

    /** The release handler's reason, such as {@code {code_change_failed, ...}} or {@code {no_such_release, "3"}}. */
    public Object reason() {
        return reason;
    }
}
