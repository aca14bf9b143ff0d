package dev.graft.cli;

import dev.graft.admin.AdminClient;
import dev.graft.admin.AdminException;
import dev.graft.admin.NodeMain;
import dev.graft.process.Node;
import dev.graft.release.Release;
import dev.graft.release.ReleaseException;
import dev.graft.release.ReleaseHandler;
import dev.graft.release.ReleaseStatus;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a node as a daemon: a JVM of its own running {@link NodeMain}, detached from the
 * terminal (in a session of its own when {@code setsid} is there), its output appended to
 * {@code ROOT/log/node.log}; then waits until it answers a ping, or says why it died.
 */
final class NodeLauncher {
    /** How long a node may take to boot and answer. */
    private static final long START_TIMEOUT_MILLIS = 120_000;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Path root;
    private final PrintStream out;
    private final PrintStream err;

    NodeLauncher(Path root, PrintStream out, PrintStream err) {
        this.root = root;
        this.out = out;
        this.err = err;
    }

    private static Path log(Path root) {
        return root.resolve("log/node.log");
    }

    int start(Graft.NodeOptions options) throws IOException, ReleaseException, InterruptedException, AdminException {
        Release release = releaseToBoot();
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(vmArgs(release));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NodeMain.class.getName(), "--root", root.toString()));
        command.addAll(options.asArguments());
        Path log = log(root);
        Files.createDirectories(log.getParent());
        out.println("==> starting a node at " + root + " on release " + release.name() + " " + release.vsn()
                + " (log: " + log + ")");
        long started = System.nanoTime();
        Process node = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!node.isAlive()) {
                err.println("graft: the node exited with code " + node.exitValue() + " while starting; the end of " + log + ":");
                tail(log).forEach(line -> err.println("    " + line));
                return Graft.FAILED;
            }
            try (AdminClient client = AdminClient.connect(root)) {
                client.request(line -> { }, "ping");
                out.println("    node " + client.nodeName() + " is up (os pid " + node.pid() + ") in " + Progress.seconds(started));
                return Graft.OK;
            } catch (AdminException e) {
                if (e.kind() != AdminException.Kind.NO_NODE) {
                    throw e;
                }
            }
            Thread.sleep(100); // polling a child JVM we cannot be notified by
        }
        err.println("graft: the node did not answer within " + START_TIMEOUT_MILLIS / 1000 + " s; it is still running as os pid "
                + node.pid() + "; see " + log);
        return Graft.FAILED;
    }

    /** The release the node will boot: the permanent one, or the only one unpacked. */
    private Release releaseToBoot() throws IOException, ReleaseException {
        List<Release> known;
        try (Node probe = Node.start("graft-cli")) {
            known = ReleaseHandler.open(probe, root).whichReleases();
        }
        return known.stream().filter(r -> r.status() == ReleaseStatus.PERMANENT).findFirst()
                .or(() -> known.size() == 1 ? known.stream().findFirst() : java.util.Optional.empty())
                .orElseThrow(() -> new IllegalArgumentException(known.isEmpty()
                        ? "no release at " + root + ": unpack one first with graft unpack ARCHIVE"
                        : "no release is permanent at " + root + " among " + known.size() + "; make one permanent"));
    }

    /** The JVM options in {@code releases/VSN/vm.args}: one a line, {@code #} comments. */
    private List<String> vmArgs(Release release) throws IOException {
        Path file = root.resolve("releases").resolve(release.vsn()).resolve("vm.args");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static List<String> tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.subList(Math.max(0, lines.size() - 20), lines.size());
    }
}
