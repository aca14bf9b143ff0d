package dev.graft.behaviour;

import dev.graft.code.Code;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
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
 * code change ({@link dev.graft.sys.Sys#changeCode}), which re-runs {@link Supervisor#init}, and
 * once that version is purged, calling it raises {@link dev.graft.code.BadFun}. {@link #apply}
 * is OTP's own form, {@code {M, F, A}}: data, not a function of any version, so it outlives
 * the versions of the module that made it.
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

    /**
     * Erlang's {@code {M, F, A}}: at every start, calls {@code module.function(args ++
     * extraArgs)} in the module's current version, which must return a {@link StartResult}.
     * It holds no function of any module version, so a supervisor module that is reloaded and
     * purged without a code change keeps restarting its children.
     */
    static ChildStart apply(String module, String function, Object... args) {
        return new Apply(module, function, Arrays.asList(args.clone()));
    }

    /** The start {@link #apply} makes, printed as OTP prints it. */
    record Apply(String module, String function, List<Object> args) implements ChildStart {
        public Apply {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(function, "function");
            args = Collections.unmodifiableList(new ArrayList<>(args));
        }

        @Override
        public StartResult start(List<Object> extraArgs) {
            List<Object> all = new ArrayList<>(args);
            all.addAll(extraArgs);
            Object result;
            try {
                result = Code.server().apply(module, function, all.toArray());
            } catch (RuntimeException e) {
                throw e; // the supervisor makes it the start's error, as it does for any start
            } catch (Exception e) {
                return new StartResult.Error(e);
            }
            // OTP: a start that returns anything else did not start, and says what it returned
            return result instanceof StartResult r ? r : new StartResult.Error(result);
        }

        @Override
        public String toString() {
            return "{" + module + "," + function + "," + args + "}";
        }
    }

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
