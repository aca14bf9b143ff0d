package dev.graft.testkit;

import dev.graft.application.AppSpec;
import dev.graft.behaviour.BehaviourIndex;
import dev.graft.behaviour.GenServer;
import dev.graft.code.CodePath;
import dev.graft.code.CodeServer;
import dev.graft.code.ModuleBinary;
import dev.graft.code.ModuleVersion;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.release.Release;
import dev.graft.release.ReleaseException;
import dev.graft.release.ReleaseHandler;
import dev.graft.release.Relup;
import dev.graft.sys.Sys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A node booted from a release, for a test to drive, upgrade and downgrade: a fresh in-JVM
 * {@link Node} (several can run in one JVM) over a releases root of its own, on which
 * {@link ReleaseHandler} unpacks and boots release A — it becomes permanent, as a target
 * system's first boot makes it — and installs the others by their relups.
 *
 * <pre>{@code
 * try (ReleaseNode node = ReleaseNode.boot(kv1)) {                // release 1, permanent
 *     node.apply("kv.Store", "bump", "a", 5);                     // a remote call, from a process
 *     node.upgrade(kv2);                                          // unpack + install by the relup
 *     assertThat(node.state(node.whereis("a"))).hasToString("State[name=a, count=5, history=[]]");
 *     assertThat(node.moduleVersion("kv.Store")).hasValue("2");
 *     node.downgrade("1");
 * }
 * }</pre>
 *
 * A release is an archive ({@code NAME-VSN.zip}, as {@link dev.graft.release.ReleaseArchive}
 * and the release builder make it) or a release directory (the same files unpacked). Release
 * operations that fail throw {@link ReleaseFailure}, a test failure saying what was done, the
 * release handler's reason and whether the node was left as it was. {@link #close} stops the
 * node and deletes the root.
 *
 * <p>Driving methods run as a process of the node when called from outside one (the test's
 * thread), as an Erlang shell evaluates in a process of its own. Thread-safe as far as the node
 * and the release handler are; one test drives one node.
 */
public final class ReleaseNode implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Node node;
    private final ReleaseHandler releases;
    private final CodeServer code;
    /** Whether {@link #close} deletes the root: only a root this class made. */
    private final boolean ownRoot;

    private ReleaseNode(Node node, ReleaseHandler releases, boolean ownRoot) {
        this.node = node;
        this.releases = releases;
        this.code = CodeServer.of(node);
        this.ownRoot = ownRoot;
    }

    /** Boots {@code release} on a new node over a releases root in a new temporary directory. */
    public static ReleaseNode boot(Path release) {
        try {
            return boot(release, Files.createTempDirectory("graft-release-node"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary releases root", e);
        }
    }

    /**
     * Boots {@code release} on a new node over the releases root {@code root}, which must be
     * empty or absent; {@link #close} leaves it in place, for a test to look at.
     */
    public static ReleaseNode boot(Path release, Path root) {
        try (var entries = Files.isDirectory(root) ? Files.list(root) : java.util.stream.Stream.<Path>empty()) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("the releases root " + root + " is not empty; a ReleaseNode boots a fresh one");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
        return boot(release, root, false);
    }

    private static ReleaseNode boot(Path release, Path root, boolean ownRoot) {
        String vsn = ReleaseFiles.vsnOf(release);
        Node node = Node.start("release-" + vsn);
        try {
            ReleaseNode n = new ReleaseNode(node, ReleaseHandler.open(node, root), ownRoot);
            n.unpack(release);
            n.releases.boot();
            return n;
        } catch (ReleaseException e) {
            stopAfterFailedBoot(node, root, ownRoot);
            throw new ReleaseFailure("booting release " + vsn + " from " + release + " in " + root + " failed", e);
        } catch (IOException e) {
            stopAfterFailedBoot(node, root, ownRoot);
            throw new UncheckedIOException("cannot boot release " + vsn + " in " + root, e);
        } catch (RuntimeException | Error e) {
            stopAfterFailedBoot(node, root, ownRoot);
            throw e;
        }
    }

    private static void stopAfterFailedBoot(Node node, Path root, boolean ownRoot) {
        node.close();
        if (ownRoot) {
            ReleaseFiles.deleteTree(root);
        }
    }

    // ---- the release handler's verbs ----

    /** Unpacks a release (archive or directory) beside the running one: {@code unpack_release}. Returns its version. */
    public String unpack(Path release) {
        Path archive = ReleaseFiles.asArchive(release, releases.root().resolve("tmp"));
        try {
            return releases.unpackRelease(archive);
        } catch (ReleaseException e) {
            throw new ReleaseFailure("unpacking " + release + " failed; nothing was written", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + release, e);
        } finally {
            if (!archive.equals(release)) {
                ReleaseFiles.deleteTree(archive.getParent());
            }
        }
    }

    /** Unpacks {@code release} and upgrades to it. */
    public ReleaseHandler.Installed upgrade(Path release) {
        return upgrade(unpack(release));
    }

    /**
     * Upgrades to the unpacked release {@code vsn} by its relup's script from the current
     * release: {@code install_release}. Fails, changing nothing, if that relup has no such
     * script (the release handler would otherwise look for a downgrade).
     */
    public ReleaseHandler.Installed upgrade(String vsn) {
        String from = currentRelease().vsn();
        if (relup(vsn).flatMap(r -> r.upgradeFrom(from)).isEmpty()) {
            throw new AssertionError("cannot upgrade from " + from + " to " + vsn + ": releases/" + vsn
                    + "/relup has no script to upgrade from " + from + " (releases known: " + whichReleases() + ")");
        }
        return install(vsn);
    }

    /**
     * Downgrades to release {@code vsn} by the current release's relup script down to it:
     * {@code install_release}. Fails, changing nothing, if that relup has no such script.
     */
    public ReleaseHandler.Installed downgrade(String vsn) {
        String from = currentRelease().vsn();
        if (relup(from).flatMap(r -> r.downgradeTo(vsn)).isEmpty()) {
            throw new AssertionError("cannot downgrade from " + from + " to " + vsn + ": releases/" + from
                    + "/relup has no script to downgrade to " + vsn + " (releases known: " + whichReleases() + ")");
        }
        return install(vsn);
    }

    /**
     * Installs release {@code vsn}, up or down, as the release handler chooses:
     * {@code install_release}. A failed install is a {@link ReleaseFailure} that says whether the
     * node still runs the release it ran (the install was rolled back) and why it failed.
     */
    public ReleaseHandler.Installed install(String vsn) {
        String from = currentRelease().vsn();
        try {
            return releases.installRelease(vsn);
        } catch (ReleaseException e) {
            String now = releases.latest().map(Release::vsn).orElse("none");
            throw new ReleaseFailure("installing release " + vsn + " over " + from + " failed, and "
                    + (now.equals(from) ? "was rolled back: the node still runs release " + from
                    : "the release handler now reports release " + now + " as current"), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install release " + vsn, e);
        }
    }

    /** Makes the current release permanent: the one a restart boots ({@code make_permanent}). */
    public void makePermanent() {
        String vsn = currentRelease().vsn();
        try {
            releases.makePermanent(vsn);
        } catch (ReleaseException e) {
            throw new ReleaseFailure("making release " + vsn + " permanent failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make release " + vsn + " permanent", e);
        }
    }

    /** The release the node runs: the current one, else the permanent one. */
    public Release currentRelease() {
        return releases.latest().orElseThrow(() -> new IllegalStateException("no release runs on " + node));
    }

    /** Every release the node knows, with its status: {@code which_releases}. */
    public List<Release> whichReleases() {
        return releases.whichReleases();
    }

    // ---- driving the node ----

    /**
     * Calls {@code module.function(args)} in the module's current version, from a process:
     * Erlang's {@code apply(M, F, A)}, the way a test reaches a module's API.
     */
    public Object apply(String module, String function, Object... args) throws Exception {
        return node.asProcess(() -> code.apply(module, function, args));
    }

    /** {@code GenServer.call(server, request)} from a process; {@code server} is a pid or a registered name. */
    public <T> T call(Object server, Object request) {
        return node.asProcess(() -> GenServer.call(server, request));
    }

    /** {@code GenServer.cast(server, request)} from a process. */
    public void cast(Object server, Object request) {
        node.asProcess(() -> {
            GenServer.cast(server, request);
            return null;
        });
    }

    /** Runs {@code body} as a process of the node and returns its result: {@link Node#runProcess}. */
    public <T> T run(Callable<T> body) throws Exception {
        return node.runProcess(body);
    }

    /** A behaviour process's state: {@code sys:get_state}. */
    public Object state(Object server) {
        return node.asProcess(() -> Sys.getState(server));
    }

    /** The process registered as {@code name}; fails the test if none is. */
    public Pid whereis(String name) {
        return node.whereis(name).orElseThrow(() -> new AssertionError("no process is registered as " + name
                + " on " + node + " (registered: " + node.registered() + ")"));
    }

    /** The version ({@code @Vsn}, else the bytecode's hash) of the module's current code, if it is loaded. */
    public Optional<String> moduleVersion(String module) {
        return code.isLoaded(module).map(ModuleVersion::vsn);
    }

    /**
     * The module version a process runs: the innermost module frame of its stack; for a
     * behaviour process idle in its loop, which has none, its callback module's current version,
     * the code its generic loop calls at its next message.
     */
    public Optional<ModuleVersion> runningVersion(Pid pid) {
        Optional<ModuleVersion> executing = code.currentModule(pid);
        if (executing.isPresent()) {
            return executing;
        }
        BehaviourIndex index = BehaviourIndex.of(node);
        return classDirs(currentRelease().vsn()).keySet().stream()
                .filter(m -> index.running(m).contains(pid)).findFirst().flatMap(code::isLoaded);
    }

    /** The behaviour processes (GenServers, supervisors) of each module of the current release, by callback module. */
    public Map<String, List<Pid>> behaviourProcesses() {
        BehaviourIndex index = BehaviourIndex.of(node);
        Map<String, List<Pid>> found = new LinkedHashMap<>();
        for (String m : classDirs(currentRelease().vsn()).keySet()) {
            List<Pid> pids = index.running(m);
            if (!pids.isEmpty()) {
                found.put(m, pids);
            }
        }
        return found;
    }

    /**
     * The modules release {@code vsn} ships, as it ships them (their classes in its lib
     * directories), by name, in the order of its applications and their {@code .app}s.
     */
    public Map<String, ModuleBinary> modules(String vsn) {
        Map<String, ModuleBinary> modules = new LinkedHashMap<>();
        classDirs(vsn).forEach((m, classes) -> modules.put(m, CodePath.read(classes, m).orElseThrow(() ->
                new IllegalStateException("release " + vsn + " names module " + m + ", and its classes are not in " + classes))));
        return modules;
    }

    /** The modules of release {@code vsn}, as its {@code .app}s name them, and the classes directory of each. */
    private Map<String, Path> classDirs(String vsn) {
        Release r = releases.find(vsn).orElseThrow(() -> new IllegalArgumentException("no release " + vsn
                + " is known (releases: " + whichReleases() + ")"));
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (Release.Lib lib : r.libs()) {
            Path appFile = lib.dir().resolve("ebin").resolve(lib.app() + ".app");
            try {
                AppSpec.read(appFile).modules().forEach(m -> dirs.put(m, lib.dir().resolve("classes")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + appFile, e);
            }
        }
        return dirs;
    }

    public Node node() {
        return node;
    }

    public ReleaseHandler releaseHandler() {
        return releases;
    }

    public CodeServer codeServer() {
        return code;
    }

    /** The releases root: {@code lib/}, {@code releases/}. */
    public Path root() {
        return releases.root();
    }

    private Optional<Relup> relup(String vsn) {
        Path file = releases.root().resolve("releases").resolve(vsn).resolve("relup");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Relup.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Stops the node (every process is killed) and deletes the releases root it made. Fails if
     * a process outlived the stop: one that ignored kill, blocked outside any runtime call.
     */
    @Override
    public void close() {
        boolean stopped;
        List<Pid> alive;
        try {
            stopped = node.stop(STOP_TIMEOUT);
            alive = node.processes();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + node, e);
        } finally {
            if (ownRoot) {
                ReleaseFiles.deleteTree(releases.root());
            }
        }
        if (!stopped) {
            throw new AssertionError(node + " did not stop within " + STOP_TIMEOUT + ": processes still alive " + alive
                    + " (a process dies of kill at its next runtime call)");
        }
    }

    @Override
    public String toString() {
        return "ReleaseNode[" + node.name() + ", " + whichReleases() + "]";
    }
}
