package dev.graft.application;

import dev.graft.application.ApplicationError.AlreadyLoaded;
import dev.graft.application.ApplicationError.AlreadyStarted;
import dev.graft.application.ApplicationError.BadReturn;
import dev.graft.application.ApplicationError.CallbackCall;
import dev.graft.application.ApplicationError.ConfigChangeFailed;
import dev.graft.application.ApplicationError.Failed;
import dev.graft.application.ApplicationError.FileError;
import dev.graft.application.ApplicationError.ModuleNotDefined;
import dev.graft.behaviour.GenServer;
import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.term.TermException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A node's application controller: Erlang's {@code application} module and
 * {@code application_controller}. It loads applications from their {@link AppSpec}s, starts
 * them — each with a master process that calls its {@link Application} callback module and
 * leads its processes — stops them, keeps their environments, and applies an upgrade's new
 * specs and configuration.
 *
 * <pre>{@code
 * ApplicationController apps = ApplicationController.of(node);
 * apps.load(AppSpec.read(Path.of("kv.app"))).orThrow();
 * apps.ensureAllStarted("kv").orThrow();              // its applications first, in order
 * Optional<Object> max = apps.getEnv("kv", "max_keys");
 * apps.stop("kv");
 * }</pre>
 *
 * <p>Every operation answers with OTP's results and errors ({@link Outcome},
 * {@link ApplicationError}). {@code kernel} and {@code stdlib}, which {@code .app} files name
 * as dependencies, are the Graft runtime: loaded and running from the start.
 *
 * <h2>Implementation overview</h2>
 * The controller is a process ({@link ControllerServer}, registered as
 * {@code application_controller}) that owns the tables of loaded, starting, running and
 * started applications ({@link Controller}); this facade sends it requests with
 * {@link GenServer#call}, from a process of the node made for the call when the caller is none.
 * It never waits for an application's callbacks: a start or stop is answered when the master
 * reports, so a callback may call the controller. Environments are kept apart
 * ({@link Environment}), read and written without the controller, as OTP reads them from its
 * table. Reading {@code .app} files, and calling {@code configChange} callbacks, happen in the
 * caller.
 *
 * <p>Thread-safe.
 */
public final class ApplicationController {
    private final Node node;
    private final Environment env = new Environment();
    /** How long a master waits for its top process to obey a shutdown before killing it. */
    private volatile Duration shutdownTimeout = Duration.ofSeconds(30);
    private final Pid server;

    private ApplicationController(Node node) {
        this.node = node;
        try {
            this.server = node.runProcess(() -> GenServer.start(ControllerServer.NAME, ControllerServer.class, this).pid());
        } catch (Exception e) {
            throw new IllegalStateException("the application controller of " + node + " did not start: " + e, e);
        }
    }

    /** The controller of {@code node}, started on first use. */
    public static ApplicationController of(Node node) {
        return node.service(ApplicationController.class, ApplicationController::new);
    }

    /**
     * How long a stop waits for an application's top process to exit after
     * {@code exit(top, shutdown)} before it kills it (default 30 s; OTP waits for ever). Applies
     * to applications started from then on.
     */
    public void shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
    }

    // ---- loading ----

    /**
     * Loads an application: its spec and environment (the {@code .app}'s, under the
     * configuration of the last {@link #changeApplicationData}), and its included applications
     * that are not loaded, from {@code App.app} files on the code path; all or nothing.
     * {@code {already_loaded, App}} if it is loaded.
     */
    public Outcome<Void> load(AppSpec spec) {
        List<AppSpec> specs = new ArrayList<>(List.of(spec));
        Deque<String> included = new ArrayDeque<>(spec.includedApplications());
        Set<String> seen = new HashSet<>(Set.of(spec.name()));
        while (!included.isEmpty()) {
            String app = included.pop();
            if (!seen.add(app) || loadedSpec(app).isPresent()) {
                continue;
            }
            switch (findAppFile(app)) {
                case Outcome.Ok<AppSpec>(AppSpec found) -> {
                    specs.add(found);
                    included.addAll(found.includedApplications());
                }
                case Outcome.Error<AppSpec>(ApplicationError e) -> {
                    return Outcome.error(e);
                }
            }
        }
        return call(new Controller.Load(specs));
    }

    /** Loads the application of a {@code .app} file; a file that cannot be read is a {@link FileError}. */
    public Outcome<Void> load(Path appFile) {
        return switch (read(appFile)) {
            case Outcome.Ok<AppSpec>(AppSpec spec) -> load(spec);
            case Outcome.Error<AppSpec>(ApplicationError e) -> Outcome.error(e);
        };
    }

    /**
     * Loads the application from {@code app.app} in a directory of the node's code path:
     * Erlang's {@code application:load(App)}. {@code {"no such file or directory","app.app"}} if
     * none has it.
     */
    public Outcome<Void> load(String app) {
        return switch (findAppFile(app)) {
            case Outcome.Ok<AppSpec>(AppSpec spec) -> load(spec);
            case Outcome.Error<AppSpec>(ApplicationError e) -> Outcome.error(e);
        };
    }

    /**
     * Unloads an application and its included applications: its spec and environment go.
     * {@code {running, App}} while it runs, {@code {not_loaded, App}} if it is not loaded.
     */
    public Outcome<Void> unload(String app) {
        return call(new Controller.Unload(app));
    }

    // ---- starting and stopping ----

    /** {@link #start(String, RestartType)} as a temporary application. */
    public Outcome<Void> start(String app) {
        return start(app, RestartType.TEMPORARY);
    }

    /**
     * Starts an application, loading it first from the code path if it is not loaded, and
     * answers when it runs: Erlang's {@code application:start/2}. Every application in its
     * {@code applications} must have been started ({@code {not_started, Dep}}, or
     * {@code {not_running, Dep}} if it has ended by itself since), but those in
     * {@code optional_applications}, which OTP 25 does not ask for; none is started here (see
     * {@link #ensureAllStarted}). {@code {already_started, App}} if it runs; a start already
     * under way is joined. A failed start of a permanent or transient application stops the
     * node, as in OTP.
     */
    public Outcome<Void> start(String app, RestartType type) {
        if (loadedSpec(app).isEmpty()) {
            Outcome<Void> loaded = load(app);
            if (loaded instanceof Outcome.Error<Void>(ApplicationError e) && !(e instanceof AlreadyLoaded)) {
                return loaded;
            }
        }
        return call(new Controller.Start(app, type));
    }

    /** {@link #ensureAllStarted(String, RestartType)} as temporary applications. */
    public Outcome<List<String>> ensureAllStarted(String app) {
        return ensureAllStarted(app, RestartType.TEMPORARY);
    }

    /**
     * Starts an application and, first, the applications it needs, depth first in the order
     * its {@code applications} lists them (an optional one only if it is loaded or on the code
     * path); returns those it started, in order. If one fails, those it started are stopped,
     * last first, and the error is {@code {App, Reason}} of the one that failed.
     */
    public Outcome<List<String>> ensureAllStarted(String app, RestartType type) {
        List<String> started = new ArrayList<>();
        Failed failure = ensureStarted(app, type, started, new HashSet<>());
        if (failure != null) {
            started.reversed().forEach(this::stop);
            return Outcome.error(failure);
        }
        return Outcome.ok(List.copyOf(started));
    }

    /** Starts {@code app} after its dependencies, adding what it started to {@code started}; null, or the failure. */
    private Failed ensureStarted(String app, RestartType type, List<String> started, Set<String> visiting) {
        if (!visiting.add(app)) {
            return null; // a cycle: the start that closes it says which dependency is missing
        }
        Optional<AppSpec> spec = loadedSpec(app);
        if (spec.isEmpty()) {
            switch (findAppFile(app)) {
                case Outcome.Ok<AppSpec>(AppSpec found) -> spec = Optional.of(found);
                case Outcome.Error<AppSpec>(ApplicationError e) -> {
                    return new Failed(app, e);
                }
            }
        }
        AppSpec s = spec.get();
        for (String dependency : s.applications()) {
            if (s.optionalApplications().contains(dependency) && !isPresent(dependency)) {
                continue;
            }
            Failed failed = ensureStarted(dependency, type, started, visiting);
            if (failed != null) {
                return failed;
            }
        }
        return switch (start(app, type)) {
            case Outcome.Ok<Void> _ -> {
                started.add(app);
                yield null;
            }
            case Outcome.Error<Void>(AlreadyStarted _) -> null;
            case Outcome.Error<Void>(ApplicationError e) -> new Failed(app, e);
        };
    }

    /**
     * Stops a running application and answers once its master has gone: prepStop, its top
     * process shut down, stop, its other processes killed. It stays loaded; no other
     * application is touched, whatever the restart type. An application that ended by itself is
     * stopped at once (ok); {@code {not_started, App}} if it was not started.
     */
    public Outcome<Void> stop(String app) {
        return call(new Controller.Stop(app));
    }

    // ---- inspection ----

    /** The running applications, the most recently started first: {@code which_applications/0}. */
    public List<ApplicationInfo> whichApplications() {
        return call(new Controller.WhichApplications());
    }

    /** The loaded applications, by name: {@code loaded_applications/0}. */
    public List<ApplicationInfo> loadedApplications() {
        return call(new Controller.LoadedApplications());
    }

    /**
     * The application {@code pid} belongs to — the one whose master leads its group — if any:
     * {@code application:get_application/1}.
     */
    public Optional<String> getApplication(Pid pid) {
        return call(new Controller.ApplicationOf(pid));
    }

    private Optional<AppSpec> loadedSpec(String app) {
        return call(new Controller.Spec(app));
    }

    /** Loaded, or loadable from the code path: what OTP calls present. */
    private boolean isPresent(String app) {
        return loadedSpec(app).isPresent() || findAppFile(app) instanceof Outcome.Ok;
    }

    // ---- environment ----

    /** An environment value: {@code application:get_env/2}. */
    public Optional<Object> getEnv(String app, String key) {
        return env.get(app, key);
    }

    /** The application's environment, in the order entries were first set: {@code get_all_env/1}. */
    public Map<String, Object> getAllEnv(String app) {
        return env.all(app);
    }

    /**
     * Sets an environment value: {@code set_env/3}. An application that is not loaded may have
     * values too; loading it sets its {@code .app}'s over them, and an upgrade's
     * {@link #changeApplicationData} replaces them all, as in OTP.
     */
    public void setEnv(String app, String key, Object value) {
        env.set(app, key, value);
    }

    public void unsetEnv(String app, String key) {
        env.unset(app, key);
    }

    // ---- upgrades ----

    /**
     * The environments of the running applications, before an upgrade changes them:
     * {@code application_controller:prep_config_change/0}, for {@link #configChange}.
     */
    public Map<String, Map<String, Object>> prepConfigChange() {
        Map<String, Map<String, Object>> before = new LinkedHashMap<>();
        for (AppSpec spec : this.<List<AppSpec>>call(new Controller.RunningApplications())) {
            before.put(spec.name(), env.all(spec.name()));
        }
        return before;
    }

    /**
     * Replaces the specs of the loaded applications among {@code specs} — vsn, description,
     * modules, env, ... — and sets each one's environment to its new {@code .app}'s under
     * {@code config} (a {@code sys.config}: application to entries), dropping values set with
     * {@link #setEnv}: {@code application_controller:change_application_data/2}, as the release
     * handler calls it. Specs of applications that are not loaded are ignored; {@code config}
     * applies to later loads too.
     */
    public void changeApplicationData(List<AppSpec> specs, Map<String, Map<String, Object>> config) {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        config.forEach((app, entries) -> copy.put(app, Map.copyOf(entries)));
        call(new Controller.ChangeApplicationData(List.copyOf(specs), copy));
    }

    /**
     * Tells each running application whose environment differs from {@code before} (from
     * {@link #prepConfigChange}) what changed, by its callback's
     * {@link Application#configChange}, in the caller's process (OTP calls it in the
     * controller's). The errors of all of them are collected: a callback that threw
     * ({@link BadReturn}), an application without {@code mod} ({@link ModuleNotDefined}).
     */
    public Outcome<Void> configChange(Map<String, Map<String, Object>> before) {
        if (!Proc.inProcess()) {
            return node.asProcess(() -> configChange(before));
        }
        List<ApplicationError> errors = new ArrayList<>();
        for (AppSpec spec : this.<List<AppSpec>>call(new Controller.RunningApplications())) {
            EnvDiff diff = EnvDiff.between(before.getOrDefault(spec.name(), Map.of()), env.all(spec.name()));
            if (diff.isEmpty()) {
                continue;
            }
            if (spec.mod().isEmpty()) {
                errors.add(new ModuleNotDefined(spec.name()));
                continue;
            }
            String module = spec.mod().get().module();
            try {
                CallbackModules.current(CallbackModules.resolve(node, module))
                        .configChange(diff.changed(), diff.added(), diff.removed());
            } catch (RuntimeException | Error e) {
                errors.add(new BadReturn(new CallbackCall(module, "config_change",
                        List.of(diff.changed(), diff.added(), diff.removed())), e));
            }
        }
        return errors.isEmpty() ? Outcome.ok() : Outcome.error(new ConfigChangeFailed(errors));
    }

    // ---- for the controller's process ----

    Node node() {
        return node;
    }

    Environment env() {
        return env;
    }

    Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    // ---- helpers ----

    private <T> T call(Object request) {
        return GenServer.call(server, request, Proc.INFINITY);
    }

    /** {@code app.app} from the first directory of the code path that has one. */
    private Outcome<AppSpec> findAppFile(String app) {
        String file = app + ".app";
        for (Path entry : CodeServer.of(node).codePath().entries()) {
            if (Files.isRegularFile(entry.resolve(file))) {
                return read(entry.resolve(file));
            }
        }
        return Outcome.error(new FileError(FileError.NOT_FOUND, file));
    }

    private static Outcome<AppSpec> read(Path appFile) {
        String file = String.valueOf(appFile.getFileName());
        try {
            return Outcome.ok(AppSpec.read(appFile));
        } catch (NoSuchFileException e) {
            return Outcome.error(new FileError(FileError.NOT_FOUND, file));
        } catch (IOException | TermException e) {
            return Outcome.error(new FileError(e.getMessage(), file));
        }
    }

    @Override
    public String toString() {
        return "ApplicationController[" + node.name() + "]";
    }
}
