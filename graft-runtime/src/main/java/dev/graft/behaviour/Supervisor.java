package dev.graft.behaviour;

import dev.graft.process.Pid;
import dev.graft.sys.Sys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A supervisor: Erlang's {@code supervisor}. A callback module implements {@link #init}, which
 * says how to restart ({@link Flags}) and which children to start ({@link ChildSpec}s); the
 * supervisor starts them in order, restarts them as they die, and stops them in reverse order
 * when it stops.
 *
 * <pre>{@code
 * public final class ShopSup implements Supervisor {
 *     public static StartResult startLink(Object config) { return Supervisor.startLink("shop_sup", ShopSup.class, config); }
 *
 *     public Init init(Object config) {
 *         return Init.of(Flags.of(Strategy.ONE_FOR_ALL),
 *                 ChildSpec.worker("stock", () -> Stock.startLink(config), "shop.Stock"),
 *                 ChildSpec.worker("orders", () -> Orders.startLink(config), "shop.Orders"));
 *     }
 * }
 * }</pre>
 *
 * <p>A supervisor is a {@link GenServer} whose callbacks are Graft's (OTP's {@code supervisor}
 * module is a gen_server callback module too): the sys protocol works on it, and
 * {@link GenServer#stop} stops it. It traps exits; its parent's exit stops it after it has
 * stopped its children.
 *
 * <p><b>Code change.</b> {@link Sys#changeCode} on a suspended supervisor runs {@link #init}
 * again, in the callback module's current version and with the arguments it was started with
 * (so init must have no side effects), and takes the new flags and specs: a running child
 * keeps its process under its new spec, a child missing from the new list is kept, a new child
 * is added without being started ({@link #restartChild} starts it), and the children's order
 * becomes the new list's followed by the kept ones. Nothing is started or stopped. A bad flag
 * or spec makes the change fail with its {@link SupervisorError} as the reason, the supervisor
 * unchanged; {@link Init.Ignore} changes nothing.
 */
public interface Supervisor {

    // ---- the callback ----

    /**
     * The supervisor's flags and children, or {@link Init.Ignore} to start no supervisor. Runs
     * in the new supervisor, and again at each code change.
     */
    Init init(Object args);

    /** What {@link #init} returns: Erlang's {@code {ok, {SupFlags, [ChildSpec]}} | ignore}. */
    sealed interface Init {
        /** Flags and specs, in start order; under simple_one_for_one, the one spec of every child. */
        record Ok(Flags flags, List<ChildSpec> children) implements Init {
            public Ok {
                Objects.requireNonNull(flags, "flags");
                children = Collections.unmodifiableList(new ArrayList<>(children)); // a null spec is refused as data
            }
        }

        /** No supervisor: its starter gets {@link StartResult.Ignore}. */
        record Ignore() implements Init {}

        static Init of(Flags flags, List<ChildSpec> children) {
            return new Ok(flags, children);
        }

        static Init of(Flags flags, ChildSpec... children) {
            return new Ok(flags, java.util.Arrays.asList(children));
        }

        static Init ignore() {
            return new Ignore();
        }
    }

    /**
     * How the supervisor restarts: its strategy, and its restart intensity: more than
     * {@code intensity} restarts within {@code period} seconds make it stop its children and
     * exit with reason {@code shutdown}.
     */
    record Flags(Strategy strategy, int intensity, int period) {
        /** {@code strategy} with OTP's default intensity: 1 restart in 5 seconds. */
        public static Flags of(Strategy strategy) {
            return new Flags(strategy, 1, 5);
        }

        public Flags withIntensity(int intensity, int periodSeconds) {
            return new Flags(strategy, intensity, periodSeconds);
        }
    }

    /** Which children a supervisor restarts when one dies. */
    enum Strategy {
        /** That one. */
        ONE_FOR_ONE,
        /** All: the others are stopped (in reverse start order), then all started in order. */
        ONE_FOR_ALL,
        /** That one and the ones started after it. */
        REST_FOR_ONE,
        /**
         * That one; every child is an instance of the one spec, started by
         * {@link #startChild(Object, List)} and named by its pid.
         */
        SIMPLE_ONE_FOR_ONE;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    // ---- what the supervisor answers ----

    /**
     * One child, as {@link #whichChildren} lists it: Erlang's {@code {Id, Child, Type, Modules}}.
     * {@code id} is null under simple_one_for_one (OTP's {@code undefined}); {@code pid} is null
     * unless the child runs, and then {@code restarting} says whether its restart failed and is
     * being tried again.
     */
    record Child(Object id, Pid pid, boolean restarting, ChildSpec.Type type, ChildSpec.Modules modules) {
        @Override
        public String toString() {
            Object child = pid != null ? pid : restarting ? "restarting" : "undefined";
            return "{" + (id == null ? "undefined" : id) + "," + child + "," + type + "," + modules + "}";
        }
    }

    /**
     * What {@link #countChildren} answers: the specs, the children alive, and the specs by type
     * (under simple_one_for_one, the children by type).
     */
    record Counts(int specs, int active, int supervisors, int workers) {
        @Override
        public String toString() {
            return "[{specs," + specs + "},{active," + active + "},{supervisors," + supervisors + "},{workers," + workers + "}]";
        }
    }

    // ---- starting ----

    /** Starts a supervisor without a parent. */
    static StartResult start(Class<? extends Supervisor> module, Object args) {
        return SupervisorServer.start(null, module, args, false);
    }

    /** Starts a supervisor registered as {@code name}; {@link StartResult.AlreadyStarted} if the name is taken. */
    static StartResult start(String name, Class<? extends Supervisor> module, Object args) {
        return SupervisorServer.start(name, module, args, false);
    }

    /**
     * Starts a supervisor linked to the caller, its parent: Erlang's {@code supervisor:start_link/2}.
     * Returns once every child has started. A child that fails to start makes it stop the ones
     * started before it and fail with {@code {shutdown, {failed_to_start_child, Id, Reason}}}.
     */
    static StartResult startLink(Class<? extends Supervisor> module, Object args) {
        return SupervisorServer.start(null, module, args, true);
    }

    static StartResult startLink(String name, Class<? extends Supervisor> module, Object args) {
        return SupervisorServer.start(name, module, args, true);
    }

    // ---- the children: calls to the supervisor (a pid or a registered name), without a timeout, as OTP's ----

    /**
     * Adds a child and starts it. Errors: {@link StartResult.AlreadyStarted} or
     * {@link SupervisorError.AlreadyPresent} for a taken id, the spec's {@code invalid_*}
     * error, {@link SupervisorError.StartFailed} for a start that failed,
     * {@link SupervisorError.SimpleOneForOne}. A start that ignores gives
     * {@link StartResult.Ignore} (OTP's {@code {ok, undefined}}) and keeps the spec, unless the
     * child is temporary.
     */
    static StartResult startChild(Object supervisor, ChildSpec spec) {
        return SupervisorServer.call(supervisor, new SupervisorServer.StartChild(spec));
    }

    /**
     * Starts a child of a simple_one_for_one supervisor, giving {@code extraArgs} to the spec's
     * start. A supervisor of another strategy answers {@link SupervisorError.InvalidChildSpec}.
     */
    static StartResult startChild(Object supervisor, List<?> extraArgs) {
        List<Object> args = Collections.unmodifiableList(new ArrayList<>(extraArgs)); // any values, null too
        return SupervisorServer.call(supervisor, new SupervisorServer.StartDynamic(args));
    }

    /**
     * Stops a child and keeps its spec (a temporary child's is dropped). The child is named by
     * its id, or under simple_one_for_one by its pid. Empty when done; else
     * {@link SupervisorError.NotFound} or {@link SupervisorError.SimpleOneForOne}.
     */
    static Optional<SupervisorError> terminateChild(Object supervisor, Object idOrPid) {
        return SupervisorServer.call(supervisor, new SupervisorServer.TerminateChild(idOrPid));
    }

    /**
     * Starts a child whose spec is kept but that is not running. Errors: {@link SupervisorError.Running},
     * {@link SupervisorError.Restarting}, {@link SupervisorError.NotFound},
     * {@link SupervisorError.SimpleOneForOne}, or the start's own error.
     */
    static StartResult restartChild(Object supervisor, Object id) {
        return SupervisorServer.call(supervisor, new SupervisorServer.RestartChild(id));
    }

    /** Drops the spec of a child that is not running; empty when done, else the error, as {@link #restartChild}. */
    static Optional<SupervisorError> deleteChild(Object supervisor, Object id) {
        return SupervisorServer.call(supervisor, new SupervisorServer.DeleteChild(id));
    }

    /** The children, newest first, as OTP lists them. */
    static List<Child> whichChildren(Object supervisor) {
        return SupervisorServer.call(supervisor, new SupervisorServer.WhichChildren());
    }

    static Counts countChildren(Object supervisor) {
        return SupervisorServer.call(supervisor, new SupervisorServer.CountChildren());
    }

    /** The spec of a child (by id, or by pid under simple_one_for_one), or empty: {@code {error, not_found}}. */
    static Optional<ChildSpec> getChildspec(Object supervisor, Object idOrPid) {
        return SupervisorServer.call(supervisor, new SupervisorServer.GetChildspec(idOrPid));
    }

    /** Empty if every spec is valid and the ids are distinct; else the first error. */
    static Optional<SupervisorError> checkChildspecs(List<ChildSpec> specs) {
        return ChildSpecCheck.specs(specs);
    }

    /**
     * The callback module of a supervisor, read from its sys status (so it answers while the
     * supervisor is suspended); empty if the process is not a supervisor. For the release
     * handler, which walks supervision trees: Erlang's {@code supervisor:get_callback_module/1}.
     */
    static Optional<String> getCallbackModule(Object supervisor) {
        return Sys.getStatus(supervisor).misc() instanceof SupervisorState s ? Optional.of(s.module.name()) : Optional.empty();
    }
}
