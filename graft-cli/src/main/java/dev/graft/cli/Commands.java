package dev.graft.cli;

import dev.graft.admin.AdminClient;
import dev.graft.admin.AdminException;
import dev.graft.admin.NodeMain;
import dev.graft.process.Node;
import dev.graft.release.Release;
import dev.graft.release.ReleaseArchive;
import dev.graft.release.ReleaseException;
import dev.graft.release.ReleaseHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The verbs' work, for one command line against one release root. */
final class Commands {
    private final Path root;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Commands(Path root, InputStream in, PrintStream out, PrintStream err) {
        this.root = root;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int startNode(Verb verb, Graft.NodeOptions options)
            throws AdminException, IOException, ReleaseException, InterruptedException {
        refuseIfRunning();
        if (verb == Verb.FOREGROUND) {
            NodeMain.run(root, options.name(), options.channel(), out);
            return Graft.OK;
        }
        return new NodeLauncher(root, out, err).start(options);
    }

    int run(Verb verb, String arg) throws AdminException, IOException, ReleaseException, InterruptedException {
        switch (verb) {
            case STOP -> {
                return stop();
            }
            case PING -> {
                try (AdminClient node = AdminClient.connect(root)) {
                    out.println(node.request(out::println, "ping").text());
                }
            }
            case STATUS -> {
                try (AdminClient node = AdminClient.connect(root)) {
                    out.println(node.request(out::println, "status").text());
                }
            }
            case RELEASES -> releases();
            case UNPACK -> unpack(arg);
            case CHECK -> {
                try (AdminClient node = AdminClient.connect(root)) {
                    out.println(node.request(out::println, "check", arg).text());
                }
            }
            case INSTALL -> {
                try (AdminClient node = AdminClient.connect(root)) {
                    install(node, arg);
                }
            }
            case MAKE_PERMANENT -> {
                try (AdminClient node = AdminClient.connect(root)) {
                    node.request(out::println, "permanent", arg);
                    out.println("release " + arg + " is permanent: the node boots it from now on");
                }
            }
            case UPGRADE, DOWNGRADE -> {
                try (AdminClient node = AdminClient.connect(root)) {
                    String vsn = verb == Verb.UPGRADE ? unpackIfNeeded(node, arg) : arg;
                    install(node, vsn);
                    Progress.step(out, "making " + vsn + " permanent", () -> node.request(out::println, "permanent", vsn));
                    out.println("node " + node.nodeName() + " runs release " + vsn + " (permanent)");
                }
            }
            case REMOVE -> {
                try (AdminClient node = AdminClient.connect(root)) {
                    Progress.step(out, "removing release " + arg, () -> node.request(out::println, "remove", arg));
                }
            }
            case EVAL -> {
                try (AdminClient node = AdminClient.connect(root)) {
                    return eval(node, arg);
                }
            }
            case REMOTE -> {
                try (AdminClient node = AdminClient.connect(root)) {
                    return new RemoteConsole(node, root, in, out, err).run();
                }
            }
            case START, FOREGROUND, HELP -> throw new IllegalStateException(verb + " is dispatched by Graft.run");
        }
        return Graft.OK;
    }

    private void refuseIfRunning() throws AdminException {
        try (AdminClient node = AdminClient.connect(root)) {
            node.request(line -> { }, "ping");
            throw new AdminException(AdminException.Kind.FAILED, "a node is already running at " + root
                    + AdminClient.pid(root).map(p -> " (os pid " + p + ")").orElse("") + "; stop it first with graft stop");
        } catch (AdminException e) {
            if (e.kind() != AdminException.Kind.NO_NODE) {
                throw e;
            }
        }
    }

    private int stop() throws AdminException {
        Optional<Long> pid = AdminClient.pid(root);
        try (AdminClient node = AdminClient.connect(root)) {
            out.println("==> stopping node " + node.nodeName() + pid.map(p -> " (os pid " + p + ")").orElse(""));
            long started = System.nanoTime();
            node.request(out::println, "stop");
            node.awaitClosed();
            out.println("    stopped in " + Progress.seconds(started));
        }
        return Graft.OK;
    }

    private void releases() throws AdminException, IOException, ReleaseException {
        try (AdminClient node = AdminClient.connect(root)) {
            node.request(out::println, "releases");
        } catch (AdminException e) {
            if (e.kind() != AdminException.Kind.NO_NODE) {
                throw e;
            }
            out.println("(no node running at " + root + "; from " + root.resolve("releases/RELEASES") + ")");
            withOfflineHandler(rh -> {
                for (Release r : rh.whichReleases()) {
                    out.println(r.name() + " " + r.vsn() + " " + r.status());
                }
                return null;
            });
        }
    }

    /** Unpacks into the running node, or, with no node running, straight into the root: the first release's way in. */
    private void unpack(String arg) throws AdminException, IOException, ReleaseException {
        Path archive = archive(arg);
        try (AdminClient node = AdminClient.connect(root)) {
            Progress.step(out, "unpacking " + archive, () -> out.println("    release " + node.request(out::println, "unpack",
                    archive.toString()).text() + " is unpacked"));
        } catch (AdminException e) {
            if (e.kind() != AdminException.Kind.NO_NODE) {
                throw e;
            }
            Progress.step(out, "unpacking " + archive + " into " + root + " (no node running)",
                    () -> out.println("    release " + withOfflineHandler(rh -> rh.unpackRelease(archive)) + " is unpacked"));
        }
    }

    /** The version to install: {@code arg} if the node knows it, else the archive's, unpacked first. */
    private String unpackIfNeeded(AdminClient node, String arg) throws AdminException, IOException, ReleaseException {
        List<String> known = new ArrayList<>();
        node.request(known::add, "releases");
        if (known.stream().anyMatch(line -> line.split(" ")[1].equals(arg))) {
            return arg;
        }
        Path archive = archive(arg);
        String vsn = ReleaseArchive.verify(archive).vsn();
        if (known.stream().noneMatch(line -> line.split(" ")[1].equals(vsn))) {
            Progress.step(out, "unpacking " + archive, () -> node.request(out::println, "unpack", archive.toString()));
        }
        return vsn;
    }

    private void install(AdminClient node, String vsn) throws AdminException, ReleaseException, IOException {
        Progress.step(out, "installing release " + vsn, () -> node.request(line -> out.println("    " + line), "install", vsn));
    }

    private int eval(AdminClient node, String snippet) throws AdminException {
        try {
            String value = node.request(out::println, "eval", snippet).text();
            if (!value.isEmpty()) {
                out.println(value);
            }
            return Graft.OK;
        } catch (AdminException e) {
            if (!e.reason().equals("eval_failed")) {
                throw e;
            }
            err.println(e.getMessage());
            return Graft.FAILED;
        }
    }

    /**
     * The archive {@code arg} names: a path to a {@code .zip}, or a version whose archive
     * ({@code NAME-VSN.zip}) is in {@code ROOT/releases} or {@code ROOT}.
     */
    private Path archive(String arg) throws IOException {
        Path given = Path.of(arg);
        if (arg.endsWith(".zip") || Files.isRegularFile(given)) {
            if (!Files.isRegularFile(given)) {
                throw new IllegalArgumentException("no archive " + given.toAbsolutePath());
            }
            return given.toAbsolutePath().normalize();
        }
        List<Path> found = new ArrayList<>();
        for (Path dir : List.of(root.resolve("releases"), root)) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> p.getFileName().toString().endsWith("-" + arg + ".zip")).sorted().forEach(found::add);
                }
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("release " + arg + " is not unpacked and no archive NAME-" + arg
                    + ".zip is in " + root.resolve("releases") + " or " + root + "; give the archive's path");
        }
        return found.getFirst();
    }

    /** What a release handler says about the root when no node runs there. */
    @FunctionalInterface
    private interface Offline<T> {
        T apply(ReleaseHandler rh) throws ReleaseException, IOException;
    }

    private <T> T withOfflineHandler(Offline<T> work) throws ReleaseException, IOException {
        try (Node node = Node.start("graft-cli")) {
            return work.apply(ReleaseHandler.open(node, root));
        }
    }
}
