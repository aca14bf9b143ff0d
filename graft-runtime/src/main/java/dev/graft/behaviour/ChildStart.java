package dev.graft.behaviour;

import java.util.List;
import java.util.function.Supplier;

/**
 * Starts a child of a supervisor: Erlang's start {@code {M, F, A}}. It runs in the supervisor's
 * process, must start the child linked to its caller (as {@link GenServer#startLink} and
 * {@link Supervisor#startLink} do) and returns how that went. {@link StartResult.Ignore} starts
 * nothing; a start that throws fails with what it threw.
 *
 * <p>A start that calls another module's public static function ({@code () -> KV.startLink(c)})
 * reaches that module's current version at every start, as OTP's qualified call does: a child
 * restarted after an upgrade runs the new code. The function itself belongs to the version of
 * the module that made it; a supervisor takes its callback module's new functions only in a
 * code change ({@link dev.graft.sys.Sys#changeCode}), which re-runs {@link Supervisor#init}.
 */
@FunctionalInterface
public interface ChildStart {
    /**
     * Starts the child.
     *
     * @param extraArgs the arguments of {@link Supervisor#startChild(Object, List)} under
     *                  simple_one_for_one (OTP appends them to the start's {@code A}); empty for
     *                  every other start
     */
    StartResult start(List<Object> extraArgs);

    /** A start that takes no extra arguments; given some (by startChild), it fails and names them. */
    static ChildStart of(Object id, Supplier<StartResult> start) {
        return extraArgs -> {
            if (!extraArgs.isEmpty()) {
                throw new IllegalArgumentException("the start of child " + id + " takes no extra arguments, got "
                        + extraArgs + "; give the spec a ChildStart, which takes them");
            }
            return start.get();
        };
    }
}
