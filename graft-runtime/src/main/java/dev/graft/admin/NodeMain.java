package dev.graft.admin;

import dev.graft.process.Node;
import dev.graft.release.Release;
import dev.graft.release.ReleaseException;
import dev.graft.release.ReleaseHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A node's main, as the {@code graft} command starts it: boots the permanent release of a
 * release root, opens the admin channel, writes {@code ROOT/run/node.pid}, and runs until it is
 * stopped — through the channel ({@code graft stop}) or by SIGTERM/Ctrl-C — when it stops the
 * applications, newest first, then every process, and exits.
 *
 * <pre>
 * java -cp ROOT/lib/graft/* dev.graft.admin.NodeMain --root ROOT [--name NAME] [--admin unix|tcp[:PORT]]
 * </pre>
 */
public final class NodeMain {
    private static final System.Logger LOG = System.getLogger("dev.graft.admin");

    /** How the admin channel listens: a Unix-domain socket, or loopback TCP on a port (0: any). */
    public record Channel(boolean tcp, int port) {
        public static final Channel UNIX = new Channel(false, 0);

        /** {@code unix}, {@code tcp} or {@code tcp:PORT}. */
        public static Channel parse(String s) {
            if (s.equals("unix")) {
                return UNIX;
            }
            if (s.equals("tcp")) {
                return new Channel(true, 0);
            }
            if (s.startsWith("tcp:") && s.substring(4).matches("\\d{1,5}")) {
                return new Channel(true, Integer.parseInt(s.substring(4)));
            }
            throw new IllegalArgumentException("--admin takes unix, tcp or tcp:PORT, not '" + s + "'");
        }
    }

    private NodeMain() {}

    public static void main(String[] args) {
        Path root = null;
        String name = null;
        Channel channel = Channel.UNIX;
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--root" -> root = Path.of(required(args[i], value));
                    case "--name" -> name = required(args[i], value);
                    case "--admin" -> channel = Channel.parse(required(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option '" + args[i]
                            + "'; usage: NodeMain --root ROOT [--name NAME] [--admin unix|tcp[:PORT]]");
                }
                i++;
            }
            if (root == null) {
                throw new IllegalArgumentException("--root ROOT is required: the release root to boot");
            }
            run(root, name, channel, System.out);
        } catch (IllegalArgumentException | ReleaseException | AdminException | IOException e) {
            System.err.println("graft node: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            System.exit(1);
        }
        System.exit(0);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /**
     * Boots the node at {@code root} and runs it until it is stopped; prints its progress to
     * {@code log}.
     */
    public static void run(Path root, String name, Channel channel, PrintStream log)
            throws IOException, ReleaseException, AdminException, InterruptedException {
        Path abs = root.toAbsolutePath().normalize();
        ProcessOutput.install();
        Node node = Node.start(name != null ? name : String.valueOf(abs.getFileName()));
        AdminDir dir = AdminDir.of(abs);
        NodeAdmin admin = null;
        try {
            ReleaseHandler releases = ReleaseHandler.open(node, abs);
            Release booted = releases.boot();
            admin = new NodeAdmin(node, releases);
            admin.followLatestRelease();
            NodeAdmin running = admin;
            try (AdminServer server = channel.tcp() ? AdminServer.tcp(admin, dir, channel.port())
                    : AdminServer.unix(admin, dir)) {
                Files.writeString(dir.pidFile(), ProcessHandle.current().pid() + "\n");
                try {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        running.requestStop(); // SIGTERM or Ctrl-C: stop as graft stop does
                        running.awaitStopped(Duration.ofSeconds(30));
                    }, "graft-node-shutdown"));
                    log.println("node " + node.name() + " running release " + booted.name() + " " + booted.vsn()
                            + " at " + abs + "; admin channel: " + admin.channel());
                    admin.awaitStopRequest();
                    log.println("node " + node.name() + " stopping: applications, then processes");
                    admin.stopApplications();
                } finally {
                    Files.deleteIfExists(dir.pidFile());
                }
            }
        } finally {
            if (!node.stop(Duration.ofSeconds(10))) {
                LOG.log(System.Logger.Level.WARNING, "some processes of " + node.name() + " did not finish within 10 s");
            }
            if (admin != null) {
                log.println("node " + node.name() + " stopped");
                admin.stopped();
            }
        }
    }
}
