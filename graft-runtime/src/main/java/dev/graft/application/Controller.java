package dev.graft.application;

import dev.graft.application.ApplicationError.AlreadyLoaded;
import dev.graft.application.ApplicationError.AlreadyStarted;
import dev.graft.application.ApplicationError.NotLoaded;
import dev.graft.application.ApplicationError.NotRunning;
import dev.graft.application.ApplicationError.NotStarted;
import dev.graft.behaviour.GenServer;
import dev.graft.gen.From;
import dev.graft.process.Exit;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.term.Atom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The application controller's tables and rules: OTP's {@code application_controller} state
 * and its {@code handle_call}/{@code handle_info}, without the gen_server around them
 * ({@link ControllerServer}). The {@link ApplicationController} facade sends the requests below.
 *
 * <pre>
 *                 load                 start                   Started from master
 *   (unknown) ----------> loaded ----------------> starting -----------------------> running
 *                           ^                        | master exits                    |
 *                           |                        v                                 |
 *                           +------- start failed (reported; the node stops if the     |
 *                           |        application is permanent or transient)            |
 *                           |                                                          |
 *                           +--- stop: Stop to master, reply on its exit --- stopping <+
 *                           |                                                          |
 *                           +--- master exits by itself: still "started", not running <+
 *                                (the node stops if permanent, or transient and not normal)
 * </pre>
 *
 * <p>Applications without {@code mod} (library applications, and {@code kernel} and
 * {@code stdlib}, which the runtime is) have no master: they run from start to stop.
 *
 * <p>Confined to the controller's process; the environment it writes is the facade's
 * thread-safe {@link Environment}.
 */
final class Controller {
    private static final System.Logger LOG = System.getLogger("dev.graft.application");

    /** What a request handler returns when it replies later, with {@link GenServer#reply}. */
    static final Object LATER = new Object();

    // ---- requests from the facade ----

    /** Loads the first spec, and the others (its included applications) that are not loaded yet. */
    record Load(List<AppSpec> specs) {}

    record Unload(String app) {}

    record Start(String app, RestartType type) {}

    record Stop(String app) {}

    /** The spec of a loaded application, if it is loaded. */
    record Spec(String app) {}

    record WhichApplications() {}

    record LoadedApplications() {}

    /** The specs of the running applications, in start order. */
    record RunningApplications() {}

    record ApplicationOf(Pid pid) {}

    record ChangeApplicationData(List<AppSpec> specs, Map<String, Map<String, Object>> config) {}

    // ---- why the node stops ----

    /** {@code {application_terminated, App, Reason}}: a permanent or transient application ended. */
    record ApplicationTerminated(String app, Object reason) {
        @Override
        public String toString() {
            return "{application_terminated," + Atom.of(app) + "," + reason + "}";
        }
    }

    /** {@code {application_start_failure, App, Reason}}: a permanent or transient application did not start. */
    record ApplicationStartFailure(String app, Object reason) {
        @Override
        public String toString() {
            return "{application_start_failure," + Atom.of(app) + "," + reason + "}";
        }
    }

    /** A start under way: its restart type and the callers waiting for it (a second start joins the first). */
    private record Starting(RestartType type, List<From> waiters) {}

    /** A running application: its master (null without mod), and the callers of a stop under way. */
    private record Running(Pid master, List<From> stoppers) {
        boolean stopping() {
            return !stoppers.isEmpty();
        }
    }

    private final ApplicationController owner;
    private final Node node;
    private final Environment env;
    /** Loaded applications' specs, by name. */
    private final Map<String, AppSpec> loaded = new HashMap<>();
    /**
     * Started applications and their restart types, from start to stop: one that ended by itself
     * stays started (OTP's {@code started}), so it still counts as a dependency and stop says ok.
     */
    private final Map<String, RestartType> started = new HashMap<>();
    private final Map<String, Starting> starting = new HashMap<>();
    /** Running applications, in start order. */
    private final LinkedHashMap<String, Running> running = new LinkedHashMap<>();
    /** Each live master's application, from its spawn. */
    private final Map<Pid, String> masters = new HashMap<>();
    /** The configuration of the last {@link ChangeApplicationData}: a load takes its entries over the {@code .app}'s. */
    private Map<String, Map<String, Object>> config = Map.of();
    /**
     * The masters still to shut down before the node stops, the first one being shut down now;
     * null until an application's end stops the node. From then on, ends are the node's stop,
     * not news.
     */
    private ArrayDeque<Pid> halting;

    Controller(ApplicationController owner) {
        this.owner = owner;
        this.node = owner.node();
        this.env = owner.env();
        for (String runtime : List.of("kernel", "stdlib")) {
            loaded.put(runtime, runtimeSpec(runtime));
            started.put(runtime, RestartType.PERMANENT);
            running.put(runtime, new Running(null, new ArrayList<>()));
        }
    }

    /** {@code kernel} and {@code stdlib}: the Graft runtime, running from the start so that {@code .app} files can name them. */
    private static AppSpec runtimeSpec(String name) {
        return new AppSpec(name, "Graft runtime", "", "", List.of(), OptionalLong.empty(), List.of(), List.of(),
                List.of(), List.of(), Map.of(), Optional.empty(), Optional.empty(), List.of(), List.of());
    }

    /** Handles a request; returns the reply, or {@link #LATER}. */
    Object handle(Object request, From from) {
        return switch (request) {
            case Load(List<AppSpec> specs) -> load(specs);
            case Unload(String app) -> unload(app);
            case Start(String app, RestartType type) -> start(app, type, from);
            case Stop(String app) -> stop(app, from);
            case Spec(String app) -> Optional.ofNullable(loaded.get(app));
            case WhichApplications _ -> running.entrySet().stream().filter(e -> !e.getValue().stopping())
                    .map(e -> ApplicationInfo.of(loaded.get(e.getKey()))).toList().reversed();
            case LoadedApplications _ -> loaded.values().stream().map(ApplicationInfo::of)
                    .sorted(Comparator.comparing(ApplicationInfo::name)).toList();
            case RunningApplications _ -> running.keySet().stream().map(loaded::get).toList();
            case ApplicationOf(Pid pid) -> node.groupLeader(pid).map(masters::get);
            case ChangeApplicationData(List<AppSpec> specs, Map<String, Map<String, Object>> c) -> changeData(specs, c);
            default -> throw new IllegalArgumentException("application controller: unknown request " + request);
        };
    }

    /** Handles a master's report or exit; anything else is dropped. */
    void info(Object message) {
        switch (message) {
            case ApplicationMaster.Started(Pid master) -> started(master);
            case Exit(Pid from, Object reason) when from != null && masters.containsKey(from) ->
                    masterExited(from, reason);
            default -> {
                // a late message for a master that is gone
            }
        }
    }

    // ---- load, unload, change ----

    private Outcome<Void> load(List<AppSpec> specs) {
        String app = specs.getFirst().name();
        if (loaded.containsKey(app)) {
            return Outcome.error(new AlreadyLoaded(app));
        }
        for (AppSpec spec : specs) {
            if (!loaded.containsKey(spec.name())) {
                loaded.put(spec.name(), spec);
                env.putAll(spec.name(), envOf(spec));
            }
        }
        return Outcome.ok();
    }

    /** The spec's environment with the configuration's entries over it. */
    private Map<String, Object> envOf(AppSpec spec) {
        Map<String, Object> entries = new LinkedHashMap<>(spec.env());
        entries.putAll(config.getOrDefault(spec.name(), Map.of()));
        return entries;
    }

    private Outcome<Void> unload(String app) {
        if (running.containsKey(app) || starting.containsKey(app)) {
            return Outcome.error(new ApplicationError.Running(app));
        }
        AppSpec spec = loaded.remove(app);
        if (spec == null) {
            return Outcome.error(new NotLoaded(app));
        }
        env.delete(app);
        for (String included : spec.includedApplications()) {
            if (loaded.containsKey(included)) {
                unload(included); // one running on its own stays loaded
            }
        }
        return Outcome.ok();
    }

    /** Replaces the specs of the loaded applications among {@code specs}, and their environments; ignores the others. */
    private Outcome<Void> changeData(List<AppSpec> specs, Map<String, Map<String, Object>> newConfig) {
        config = newConfig;
        for (AppSpec spec : specs) {
            if (loaded.containsKey(spec.name())) {
                loaded.put(spec.name(), spec);
                env.replace(spec.name(), envOf(spec));
            }
        }
        return Outcome.ok();
    }

    // ---- start ----

    private Object start(String app, RestartType type, From from) {
        Starting already = starting.get(app);
        if (already != null) {
            already.waiters().add(from);
            return LATER;
        }
        AppSpec spec = loaded.get(app);
        if (spec == null) {
            return Outcome.error(new NotLoaded(app));
        }
        if (running.containsKey(app)) {
            return Outcome.error(new AlreadyStarted(app));
        }
        List<String> required = spec.applications().stream().filter(a -> !spec.optionalApplications().contains(a)).toList();
        for (String dependency : required) {
            if (!started.containsKey(dependency)) {
                return Outcome.error(new NotStarted(dependency));
            }
        }
        if (spec.mod().isEmpty()) {
            running.put(app, new Running(null, new ArrayList<>()));
            started.put(app, type);
            return Outcome.ok();
        }
        for (String dependency : required) {
            if (!running.containsKey(dependency)) { // started, and ended by itself
                startFailed(app, type, new NotRunning(dependency), List.of(from));
                return LATER;
            }
        }
        Pid master = Proc.spawnLink(new ApplicationMaster(spec, Proc.self(), owner.shutdownTimeout()));
        masters.put(master, app);
        starting.put(app, new Starting(type, new ArrayList<>(List.of(from))));
        return LATER;
    }

    private void started(Pid master) {
        String app = masters.get(master);
        Starting s = starting.remove(app);
        running.put(app, new Running(master, new ArrayList<>()));
        started.put(app, s.type());
        LOG.log(System.Logger.Level.DEBUG, () -> "application: " + app + ", started_at: " + node.name());
        s.waiters().forEach(w -> GenServer.reply(w, Outcome.ok()));
    }

    /** Replies the error; as OTP, a permanent or transient application that fails to start stops the node. */
    private void startFailed(String app, RestartType type, ApplicationError error, List<From> waiters) {
        waiters.forEach(w -> GenServer.reply(w, Outcome.error(error)));
        reportExit(app, error, type);
        if (type != RestartType.TEMPORARY) {
            halt(new ApplicationStartFailure(app, error));
        }
    }

    // ---- stop, and ends ----

    private Object stop(String app, From from) {
        Running r = running.get(app);
        if (r == null) {
            return started.remove(app) != null ? Outcome.ok() : Outcome.error(new NotStarted(app));
        }
        if (r.master() == null) {
            running.remove(app);
            reportExit(app, "stopped", started.remove(app));
            return Outcome.ok();
        }
        if (!r.stopping()) {
            Proc.send(r.master(), ApplicationMaster.STOP);
        }
        r.stoppers().add(from);
        return LATER;
    }

    private void masterExited(Pid master, Object reason) {
        String app = masters.remove(master);
        if (halting != null) {
            boolean wasNext = master.equals(halting.peek());
            halting.remove(master); // one that ended by itself before its turn has no exit left to wait for
            if (wasNext) {
                shutDownNext();
            }
            return;
        }
        if (node.isStopped()) {
            return;
        }
        Starting s = starting.remove(app);
        if (s != null) {
            startFailed(app, s.type(), reason instanceof ApplicationError e ? e : new ApplicationError.Exited(reason),
                    s.waiters());
            return;
        }
        Running r = running.remove(app);
        if (r.stopping()) {
            reportExit(app, "stopped", started.remove(app));
            GenServer.reply(r.stoppers().getFirst(), Outcome.ok());
            r.stoppers().stream().skip(1).forEach(w -> GenServer.reply(w, Outcome.error(new NotStarted(app))));
            return;
        }
        RestartType type = started.get(app);
        reportExit(app, reason, type);
        if (type.stopsNode(reason)) {
            halt(new ApplicationTerminated(app, reason));
        }
    }

    /** OTP's {@code info_exited} report. */
    private static void reportExit(String app, Object reason, RestartType type) {
        LOG.log(System.Logger.Level.INFO, () -> "application: " + app + ", exited: " + reason + ", type: " + type);
    }

    /**
     * Stops the node, as the controller's death does in OTP ("Kernel pid terminated"): the
     * running applications are shut down one at a time, most recently started first, each
     * master's exit awaited as a message so that the controller goes on answering (a callback
     * may call it); then the node is stopped from a thread of its own, since no process of the
     * node can wait for its own death.
     */
    private void halt(Object reason) {
        LOG.log(System.Logger.Level.ERROR, () -> "node " + node.name() + " stops: " + reason);
        halting = new ArrayDeque<>();
        running.values().stream().toList().reversed().stream().map(Running::master).filter(Objects::nonNull)
                .forEach(halting::add);
        shutDownNext();
    }

    private void shutDownNext() {
        if (!halting.isEmpty()) {
            Proc.exit(halting.peek(), Reason.SHUTDOWN);
            return;
        }
        Thread.ofVirtual().name("graft-stop-" + node.name()).start(() -> {
            try {
                node.stop(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
