package dev.graft.admin;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A connection to a running node's admin channel, found through its release root's admin
 * directory: the client half of {@link AdminProtocol}. Before it connects it checks that the
 * directory (and the cookie file, for TCP) belong to the current user and that no one else can
 * open them, since a planted socket or port file would get the client's requests and cookie.
 *
 * <p>Not thread-safe: one request at a time.
 */
public final class AdminClient implements AutoCloseable {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private final String nodeName;

    private AdminClient(SocketChannel channel, InputStream in, OutputStream out, String nodeName) {
        this.channel = channel;
        this.in = in;
        this.out = out;
        this.nodeName = nodeName;
    }

    /**
     * Connects to the node running at release root {@code root}.
     *
     * @throws AdminException {@code NO_NODE} if none answers there, {@code UNSAFE} if the admin
     *         directory or cookie could be someone else's, {@code REFUSED} if the node refuses
     */
    public static AdminClient connect(Path root) throws AdminException {
        AdminDir dir = AdminDir.of(root);
        String where = root.toAbsolutePath().normalize().toString();
        try {
            if (!Files.exists(dir.socket()) && !Files.exists(dir.port())) {
                throw noNode(where, "");
            }
            dir.checkSafe();
            SocketChannel ch;
            String cookie = "";
            try {
                if (Files.exists(dir.socket())) {
                    ch = SocketChannel.open(UnixDomainSocketAddress.of(dir.socket()));
                } else {
                    cookie = Cookie.read(dir.cookie());
                    int port = Integer.parseInt(Files.readString(dir.port()).strip());
                    ch = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                }
            } catch (IOException | NumberFormatException e) {
                throw noNode(where, " (its admin channel is left from a node that is gone: " + e.getMessage() + ")");
            }
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch));
            OutputStream out = Channels.newOutputStream(ch);
            AdminProtocol.write(out, List.of("hello", AdminProtocol.VERSION, cookie));
            List<String> answer = AdminProtocol.read(in, AdminProtocol.LINE_LIMIT);
            if (answer == null || !answer.getFirst().equals("ok") || answer.size() < 2) {
                ch.close();
                String why = answer != null && answer.size() == 3 ? answer.get(2) : "it closed the connection";
                throw new AdminException(AdminException.Kind.REFUSED, "the node at " + where + " refused this client: " + why);
            }
            return new AdminClient(ch, in, out, answer.get(1));
        } catch (IOException e) {
            throw new AdminException(AdminException.Kind.BROKEN, "cannot talk to the node at " + where + ": " + e.getMessage());
        }
    }

    private static AdminException noNode(String root, String detail) {
        return new AdminException(AdminException.Kind.NO_NODE, "no node running at " + root + detail
                + ": start it with graft --root " + root + " start");
    }

    /** The node's name, as it said in its hello. */
    public String nodeName() {
        return nodeName;
    }

    /** A node's final answer to a request: {@code ok} with a text, or {@code more} (a console wants more input). */
    public record Answer(boolean more, String text) {}

    /**
     * Sends a request and waits for its final answer, passing each {@code out} line to
     * {@code output} as it comes.
     *
     * @throws AdminException {@code FAILED} with the node's reason if it answered {@code error}
     */
    public Answer request(Consumer<String> output, String verb, String... args) throws AdminException {
        List<String> fields = new ArrayList<>();
        fields.add(verb);
        fields.addAll(List.of(args));
        try {
            AdminProtocol.write(out, fields);
            for (;;) {
                List<String> line = AdminProtocol.read(in, AdminProtocol.LINE_LIMIT);
                if (line == null) {
                    throw new AdminException(AdminException.Kind.BROKEN, "the node " + nodeName + " closed the connection during "
                            + verb);
                }
                switch (line.getFirst()) {
                    case "out" -> output.accept(field(line, 1));
                    case "more" -> {
                        return new Answer(true, "");
                    }
                    case "ok" -> {
                        return new Answer(false, field(line, 1));
                    }
                    case "error" -> throw new AdminException(AdminException.Kind.FAILED, field(line, 1), field(line, 2));
                    default -> throw new AdminException(AdminException.Kind.BROKEN, "the node answered '" + line.getFirst()
                            + "', which is not in the admin protocol");
                }
            }
        } catch (IOException e) {
            throw new AdminException(AdminException.Kind.BROKEN, "the connection to " + nodeName + " broke during " + verb
                    + ": " + e.getMessage());
        }
    }

    /** Waits until the node closes the connection: after a stop request, once it has stopped. */
    public void awaitClosed() throws AdminException {
        try {
            while (in.read() >= 0) {
                // nothing more is sent after the stop request's answer
            }
        } catch (IOException e) {
            throw new AdminException(AdminException.Kind.BROKEN, "the connection to " + nodeName + " broke while it stopped: "
                    + e.getMessage());
        }
    }

    private static String field(List<String> line, int i) {
        return i < line.size() ? line.get(i) : "";
    }

    /** The operating-system process id the node wrote at {@code root}, if it did. */
    public static Optional<Long> pid(Path root) {
        try {
            return Optional.of(Long.parseLong(Files.readString(AdminDir.of(root).pidFile()).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a connection that broke already
        }
    }
}
