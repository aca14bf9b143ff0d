package dev.graft.application;

import dev.graft.process.Pid;
import java.util.List;
import java.util.Map;

/**
 * An application's callback module: Erlang's {@code application} behaviour. The module that
 * {@code mod} names in the {@code .app} file implements it; the application's master, a
 * process of the runtime's, calls it.
 *
 * <pre>
 *   Callback module                     Generic (application master)
 *   start(type, args)       &lt;-----      ApplicationController.start
 *   startPhase(phase, ...)  &lt;-----        each of start_phases, in order
 *   prepStop(state)         &lt;-----      ApplicationController.stop
 *                                         the top process is shut down
 *   stop(state)             &lt;-----        then its other processes are killed
 *   configChange(...)       &lt;-----      ApplicationController.configChange
 * </pre>
 *
 * <p>{@code start} starts the application's top process — usually a supervisor, but any
 * process will do — and returns its pid; the master links to it. Every process spawned from
 * then on by {@code start} or by the processes it spawned belongs to the application
 * ({@link dev.graft.process.Proc#groupLeader() its group leader} is the master), prints where
 * the master prints, and is killed when the application stops.
 *
 * <p>Each callback runs the module's current version, as OTP's {@code Mod:stop(State)} does:
 * an application started by version 1 and upgraded to version 2 is stopped by version 2. A
 * callback module has a constructor without arguments, and keeps its state in the state
 * object, not in fields.
 *
 * @param <S> the state {@code start} gives and {@code prepStop} and {@code stop} get
 */
public interface Application<S> {

    /**
     * Starts the application's processes, in the master's process: Erlang's
     * {@code Mod:start(StartType, StartArgs)}. {@code args} is the second element of {@code mod}
     * in the {@code .app} file. A throw or a null is a {@link ApplicationError.BadReturn}.
     */
    Start<S> start(StartType type, Object args);

    /**
     * Runs one of the {@code start_phases} of the {@code .app} file, after {@link #start}, in
     * the order given: Erlang's {@code Mod:start_phase(Phase, StartType, PhaseArgs)}. Throw to
     * fail the start; the default throws, as a module without {@code start_phase} fails in OTP.
     */
    default void startPhase(String phase, StartType type, Object args) {
        throw new UnsupportedOperationException("undef: " + getClass().getName()
                + " has start phases in its .app file but does not implement startPhase");
    }

    /**
     * Called before the application's processes are shut down by a stop (and when its top
     * process has ended by itself): Erlang's {@code Mod:prep_stop(State)}. Returns the state
     * {@link #stop} gets; the default returns it unchanged. A throw is logged and the state
     * kept.
     */
    default S prepStop(S state) {
        return state;
    }

    /** Called after the application's top process has gone: Erlang's {@code Mod:stop(State)}. A throw is logged. */
    void stop(S state);

    /**
     * Called after an upgrade changed the application's environment: Erlang's
     * {@code Mod:config_change(Changed, New, Removed)}, with the entries whose value changed,
     * the entries that are new, and the keys that were removed. Throw to report an error; the
     * default ignores the change, as OTP ignores a module without {@code config_change}.
     */
    default void configChange(Map<String, Object> changed, Map<String, Object> added, List<String> removed) {}

    /** What {@link #start} returns: Erlang's {@code {ok, Pid} | {ok, Pid, State} | {error, Reason}}. */
    sealed interface Start<S> {
        /** The application runs; {@code top} is its top process, {@code state} what {@code stop} will get (may be null). */
        record Ok<S>(Pid top, S state) implements Start<S> {}

        /** The application does not run: its start fails with {@link ApplicationError.CallbackError}. */
        record Error<S>(Object reason) implements Start<S> {}

        static <S> Start<S> ok(Pid top) {
            return new Ok<>(top, null);
        }

        static <S> Start<S> ok(Pid top, S state) {
            return new Ok<>(top, state);
        }

        static <S> Start<S> error(Object reason) {
            return new Error<>(reason);
        }
    }
}
