package dev.graft.behaviour;

/**
 * The exit reason {@code {shutdown, Detail}}: a shutdown that says why. Supervisors count it
 * as they count {@code shutdown}, a normal end: a transient child that exits with it is not
 * restarted and not reported. A supervisor that cannot start its children exits with one,
 * {@code {shutdown, {failed_to_start_child, Id, Reason}}}.
 */
public record ShutdownReason(Object detail) {
    @Override
    public String toString() {
        return "{shutdown," + detail + "}";
    }
}
