package dev.graft.admin;

import dev.graft.application.ApplicationController;
import dev.graft.application.ApplicationInfo;
import dev.graft.code.CodePath;
import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import dev.graft.release.Release;
import dev.graft.release.ReleaseException;
import dev.graft.release.ReleaseHandler;
import dev.graft.shell.Shell;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What the admin channel does to a node: the release handler's verbs, the node's status, its
 * console's shell, and a request to stop. One per node started by {@link NodeMain}.
 *
 * <p>Thread-safe: the release handler serialises its operations; the code path follows the
 * latest release under this object's lock.
 */
final class NodeAdmin {
    private final Node node;
    private final ReleaseHandler releases;
    private final Instant started = Instant.now();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile String channel = "none";
    /** The code path entries of the release the node runs, so {@code l(Module)} finds its classes. Guarded by this. */
    private List<Path> releasePath = List.of();

    NodeAdmin(Node node, ReleaseHandler releases) {
        this.node = node;
        this.releases = releases;
    }

    Node node() {
        return node;
    }

    ReleaseHandler releases() {
        return releases;
    }

    Path root() {
        return releases.root();
    }

    /** The console's compile helpers, one per node; compiled classes go to {@code ROOT/console}. */
    Shell shell() {
        return node.service(Shell.class, n -> new Shell(CodeServer.of(n), root().resolve("console")));
    }

    void channel(String description) {
        channel = description;
    }

    /** How the admin channel listens, for people. */
    String channel() {
        return channel;
    }

    /** Puts the latest release's classes on the code path in place of the previous release's, as OTP's install does. */
    synchronized void followLatestRelease() {
        CodePath path = CodeServer.of(node).codePath();
        releasePath.forEach(path::remove);
        releasePath = releases.latest().map(r -> r.libs().stream().map(l -> l.dir().resolve("classes")).toList())
                .orElse(List.of());
        releasePath.forEach(path::add);
    }

    String status() {
        String release = releases.latest().map(Release::toString).orElse("none");
        String apps = ApplicationController.of(node).whichApplications().stream()
                .map(a -> a.vsn().isEmpty() ? a.name() : a.name() + " " + a.vsn()).collect(Collectors.joining(", "));
        return String.join("\n",
                "node       " + node.name() + " (os pid " + ProcessHandle.current().pid() + ", up "
                        + Duration.between(started, Instant.now()).toSeconds() + " s)",
                "root       " + root(),
                "release    " + release,
                "admin      " + channel(),
                "apps       " + (apps.isEmpty() ? "none" : apps),
                "processes  " + node.processCount());
    }

    /** One line per release: name, version, status. */
    List<String> whichReleases() {
        return releases.whichReleases().stream().map(r -> r.name() + " " + r.vsn() + " " + r.status()).toList();
    }

    String unpack(Path archive) throws ReleaseException, IOException {
        return releases.unpackRelease(archive);
    }

    String check(String vsn) throws ReleaseException {
        return releases.checkInstallRelease(vsn).describe().stripTrailing();
    }

    /** Installs {@code vsn}, first showing the plan ({@link #check}); returns the version it replaced. */
    String install(String vsn, Consumer<String> out) throws ReleaseException, IOException {
        String from = releases.latest().map(Release::vsn).orElse("none");
        check(vsn).lines().forEach(out);
        out.accept("installing " + vsn + " over " + from + " (one transaction: a failure leaves " + from + " running)");
        ReleaseHandler.Installed done = releases.installRelease(vsn);
        followLatestRelease();
        if (!done.unpurged().isEmpty()) {
            out.accept("old code kept by a soft purge: " + String.join(", ", done.unpurged()));
        }
        return done.from();
    }

    void makePermanent(String vsn) throws ReleaseException, IOException {
        releases.makePermanent(vsn);
    }

    void remove(String vsn) throws ReleaseException, IOException {
        releases.removeRelease(vsn);
    }

    /** Asks the node's main to stop it; answers at once. */
    void requestStop() {
        stop.countDown();
    }

    void awaitStopRequest() throws InterruptedException {
        stop.await();
    }

    /** Says that the node has stopped every process: what a stop request waits for. */
    void stopped() {
        stopped.countDown();
    }

    /** Waits up to {@code timeout} for {@link #stopped}; whether it came. */
    boolean awaitStopped(Duration timeout) {
        try {
            return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the running applications, newest first, as OTP's {@code init:stop} does. */
    void stopApplications() {
        ApplicationController apps = ApplicationController.of(node);
        for (ApplicationInfo a : apps.whichApplications()) {
            apps.stop(a.name());
        }
    }
}
