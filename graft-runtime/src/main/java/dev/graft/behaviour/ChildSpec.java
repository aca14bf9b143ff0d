package dev.graft.behaviour;

import dev.graft.process.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * How a supervisor starts, restarts and stops one child: Erlang's child spec
 * {@code #{id, start, restart, shutdown, type, modules}}.
 *
 * <pre>{@code
 * ChildSpec.worker("kv", () -> KV.startLink(config), "kv.KV")
 *         .withRestart(Restart.TRANSIENT)
 *         .withShutdown(Shutdown.millis(2000))
 * }</pre>
 *
 * <p>A spec is a value, and its constructor checks nothing: a supervisor refuses a bad spec
 * the way OTP does, with an error that names the bad field ({@link SupervisorError.InvalidShutdown}
 * and its siblings; see {@link Supervisor#checkChildspecs}), which is what a code change that
 * brings a bad spec must get back.
 *
 * @param id       names the child within its supervisor: any value with {@code equals}, not null
 * @param start    starts the child, linked to the caller (the supervisor)
 * @param restart  whether a child that ended is started again
 * @param shutdown how the supervisor stops the child
 * @param type     whether the child is a worker or a supervisor
 * @param modules  the modules the child runs, by which the release handler finds the processes
 *                 to suspend and change in an upgrade: their names, or {@link Modules#DYNAMIC}
 *                 for a child that says itself (an event manager)
 */
public record ChildSpec(Object id, ChildStart start, Restart restart, Shutdown shutdown, Type type, Modules modules) {

    /**
     * A permanent worker that the supervisor stops with a 5 s shutdown, started by
     * {@code start}, which takes no arguments; {@code modules} are the names of the modules it
     * runs (its callback module, for a GenServer).
     */
    public static ChildSpec worker(Object id, Supplier<StartResult> start, String... modules) {
        return worker(id, start == null ? null : ChildStart.of(id, start), modules);
    }

    /** A worker started by a start function that takes startChild's extra arguments (simple_one_for_one). */
    public static ChildSpec worker(Object id, ChildStart start, String... modules) {
        return new ChildSpec(id, start, Restart.PERMANENT, Shutdown.millis(5000), Type.WORKER, Modules.of(modules));
    }

    /** A permanent supervisor child, given all the time it needs to stop its own children (shutdown infinity). */
    public static ChildSpec supervisor(Object id, Supplier<StartResult> start, String... modules) {
        return supervisor(id, start == null ? null : ChildStart.of(id, start), modules);
    }

    public static ChildSpec supervisor(Object id, ChildStart start, String... modules) {
        return new ChildSpec(id, start, Restart.PERMANENT, Shutdown.INFINITY, Type.SUPERVISOR, Modules.of(modules));
    }

    public ChildSpec withRestart(Restart restart) {
        return new ChildSpec(id, start, restart, shutdown, type, modules);
    }

    public ChildSpec withShutdown(Shutdown shutdown) {
        return new ChildSpec(id, start, restart, shutdown, type, modules);
    }

    public ChildSpec withModules(Modules modules) {
        return new ChildSpec(id, start, restart, shutdown, type, modules);
    }

    /** When a child that ended is started again: Erlang's restart type. */
    public enum Restart {
        /** Always. */
        PERMANENT,
        /** Only after an abnormal exit: any reason but {@code normal}, {@code shutdown} and {@link ShutdownReason}. */
        TRANSIENT,
        /** Never; the supervisor forgets the child when it ends. */
        TEMPORARY;

        /** Whether a child that exited with {@code reason} is started again. */
        boolean restartsAfter(Object reason) {
            return this == PERMANENT || this == TRANSIENT && !normalExit(reason);
        }

        /** Whether the supervisor reports the exit: any exit of a permanent child, an abnormal one of the others. */
        boolean reports(Object reason) {
            return this == PERMANENT || !normalExit(reason);
        }

        /** The reasons OTP counts as a normal end of a child. */
        static boolean normalExit(Object reason) {
            return Reason.NORMAL.equals(reason) || Reason.SHUTDOWN.equals(reason) || reason instanceof ShutdownReason;
        }

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * How the supervisor stops the child: kill it ({@link #BRUTAL_KILL}); or send it the exit
     * signal {@code shutdown}, wait up to a timeout for it to end, and kill it if it has not
     * ({@link #millis}); or send {@code shutdown} and wait for ever ({@link #INFINITY}, the
     * default for a supervisor child, which stops its own children first).
     */
    public sealed interface Shutdown {
        Shutdown BRUTAL_KILL = new BrutalKill();
        Shutdown INFINITY = new Infinity();

        static Shutdown millis(long millis) {
            return new Timeout(millis);
        }

        record BrutalKill() implements Shutdown {
            @Override
            public String toString() {
                return "brutal_kill";
            }
        }

        /** Valid for 0 ms and more. */
        record Timeout(long millis) implements Shutdown {
            @Override
            public String toString() {
                return String.valueOf(millis);
            }
        }

        record Infinity() implements Shutdown {
            @Override
            public String toString() {
                return "infinity";
            }
        }
    }

    /** Whether the child is a worker or a supervisor, which the release handler walks into. */
    public enum Type {
        WORKER, SUPERVISOR;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The modules a child runs: a list of module names, or {@link #DYNAMIC}. */
    public sealed interface Modules {
        /**
         * The child's modules change while it runs (an event manager's handlers): the release
         * handler asks the child itself. Erlang's {@code dynamic}, which is not {@code [dynamic]}.
         */
        Modules DYNAMIC = new Dynamic();

        static Modules of(String... names) {
            return new Listed(names == null ? null : Arrays.asList(names));
        }

        /** Module names, as the code server knows them ({@code "kv.KV"}). */
        record Listed(List<String> names) implements Modules {
            public Listed {
                // a copy that keeps a null name, which a supervisor refuses as {invalid_module, null}
                names = names == null ? null : Collections.unmodifiableList(new ArrayList<>(names));
            }

            @Override
            public String toString() {
                return names == null ? "null" : "[" + String.join(",", names) + "]";
            }
        }

        record Dynamic() implements Modules {
            @Override
            public String toString() {
                return "dynamic";
            }
        }
    }
}
