package dev.graft.application;

import dev.graft.behaviour.GenServer;
import dev.graft.code.Lab;
import dev.graft.gen.From;
import dev.graft.process.Down;
import dev.graft.process.Io;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Ref;
import dev.graft.term.Atom;
import dev.graft.term.Terms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The callback module of the tests' applications, a shared class (no module). Its start
 * argument, an atom, says how {@code start} goes:
 * <ul>
 *   <li>{@code ok}: starts a linked {@link Top} that traps exits, and returns it with the state {@code state0};</li>
 *   <li>{@code unlinked}: starts a {@link Top} it does not link to;</li>
 *   <li>{@code deaf}: starts a linked process that traps exits and never exits;</li>
 *   <li>{@code gated}: tells {@code [starting, App, Master]} and waits for {@code go} before it
 *       starts as {@code ok} does; its prepStop tells {@code [stopping, App, Master]} and waits
 *       for {@code go} too;</li>
 *   <li>{@code error}: returns {@code Start.error(nope)}; {@code throw} throws; {@code null} returns null.</li>
 * </ul>
 * Each callback tells the process registered as {@code observer} on its node, if any:
 * {@code [started, App, Top, Master]}, {@code [phase, App, Phase]}, {@code [prep_stop, App, State]},
 * {@code [stop, App, State]}, {@code [config_change, Changed, New, Removed]}; {@link Top}
 * tells it {@code [terminate, Reason]}. A start phase named {@code fail}, and a config change
 * of the key {@code fail}, throw.
 */
public final class TestApp implements Application<Object> {
    static final String NAME = TestApp.class.getName();
    private static final Atom GATED = Atom.of("gated");

    @Override
    public Start<Object> start(StartType type, Object args) {
        Start<Object> start = switch (args.toString()) {
            case "ok" -> Start.ok(GenServer.startLink(Top.class, Top.TRAP_EXITS).pid(), Atom.of("state0"));
            case "unlinked" -> Start.ok(GenServer.start(Top.class, null).pid());
            case "deaf" -> {
                Pid master = Proc.self();
                Pid deaf = Proc.spawnLink(() -> {
                    Proc.trapExit(true);
                    Proc.send(master, "trapping");
                    Proc.receive(m -> false);
                });
                Proc.receive("trapping"::equals);
                yield Start.ok(deaf);
            }
            case "gated" -> {
                tell("starting", app(), Proc.self());
                Proc.receive("go"::equals);
                yield Start.ok(GenServer.startLink(Top.class, Top.TRAP_EXITS).pid(), GATED);
            }
            case "error" -> Start.error(Atom.of("nope"));
            case "throw" -> throw new IllegalStateException("boom");
            case "null" -> null;
            default -> throw new IllegalArgumentException("no such start mode: " + args);
        };
        if (start instanceof Start.Ok<Object>(Pid top, Object _)) {
            tell("started", app(), top, Proc.self());
        }
        return start;
    }

    @Override
    public void startPhase(String phase, StartType type, Object args) {
        tell("phase", app(), phase);
        if (phase.equals("fail")) {
            throw new IllegalStateException("phase failed");
        }
    }

    @Override
    public Object prepStop(Object state) {
        if (state == GATED) {
            tell("stopping", app(), Proc.self());
            Proc.receive("go"::equals);
        }
        tell("prep_stop", app(), state);
        return List.of(Atom.of("prepped"), state);
    }

    @Override
    public void stop(Object state) {
        tell("stop", app(), state);
    }

    @Override
    public void configChange(Map<String, Object> changed, Map<String, Object> added, List<String> removed) {
        tell("config_change", changed, added, removed);
        if (changed.containsKey("fail") || added.containsKey("fail")) {
            throw new IllegalStateException("config refused");
        }
    }

    /** The application of the calling process: the master's, when a callback runs. */
    private static String app() {
        return ApplicationController.of(Proc.node()).getApplication(Proc.self()).orElse("none");
    }

    static void tell(Object... event) {
        Proc.whereis("observer").ifPresent(o -> Proc.send(o, Arrays.asList(event)));
    }

    /**
     * An application's top process: answers {@code worker} with a new idle process (which
     * belongs to the application) and {@code out} with where it prints.
     */
    public static final class Top implements GenServer<Object> {
        /** The start argument of a top that traps exits, so that its parent's shutdown runs terminate, as a supervisor's does. */
        static final String TRAP_EXITS = "trap_exits";

        @Override
        public Init<Object> init(Object args) {
            Proc.trapExit(TRAP_EXITS.equals(args));
            return Init.ok(Atom.of("top"));
        }

        @Override
        public CallResult<Object> handleCall(Object request, From from, Object state) {
            return switch (request) {
                case String r when r.equals("worker") -> new Reply<>(Proc.spawn(() -> Proc.receive(m -> false)), state);
                case String r when r.equals("out") -> new Reply<>(Io.out(), state);
                default -> throw new IllegalArgumentException("unknown request " + request);
            };
        }

        @Override
        public void terminate(Object reason, Object state) {
            tell("terminate", reason);
        }
    }

    // ---- for the tests ----

    /** The {@code mod} option of an application whose callback is this class, started in {@code mode}. */
    static String mod(String mode) {
        return "{mod, {'" + NAME + "', " + mode + "}}";
    }

    /**
     * The spec of {@code {application, Name, [Options]}}, with systools' required keys given
     * when the options do not: description {@code "Name"}, vsn {@code "1"}, no modules or
     * registered names, and applications {@code [kernel, stdlib]}.
     */
    static AppSpec spec(String name, String... options) {
        List<String> all = new ArrayList<>(Arrays.asList(options));
        String given = String.join(",", options);
        for (String required : List.of("{description, \"" + name + "\"}", "{vsn, \"1\"}", "{modules, []}",
                "{registered, []}", "{applications, [kernel, stdlib]}")) {
            if (!given.contains(required.substring(0, required.indexOf(',')))) {
                all.add(required);
            }
        }
        return AppSpec.parse(Terms.parseLocated(name + ".app",
                "{application, " + name + ", [" + String.join(", ", all) + "]}.").getFirst());
    }

    /** In a process: the Down of the monitor {@code ref}. */
    static Down awaitDown(Ref ref) {
        return (Down) Lab.await("DOWN of " + ref, m -> m instanceof Down d && d.ref() == ref);
    }

    /** In a process: the next event {@code [tag, ...]} the observer (the caller) gets. */
    static List<?> await(String tag) {
        return (List<?>) Lab.await(tag, m -> m instanceof List<?> l && !l.isEmpty() && tag.equals(l.getFirst()));
    }
}
