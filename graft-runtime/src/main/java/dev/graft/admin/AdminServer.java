package dev.graft.admin;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * A node's admin channel (DESIGN decision 9): the one way in for the {@code graft} command and
 * its consoles. It listens either on a Unix-domain socket in the owner-only admin directory,
 * where the kernel says who the peer is and any user but the node's own is refused, or on a
 * loopback TCP port, where a client must present the node's cookie. A refused client is
 * logged ({@code System.Logger} "dev.graft.admin", WARNING) and disconnected; nothing it sent
 * reaches the node.
 */
final class AdminServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.graft.admin");
    /** How long a peer has to say hello before it is disconnected. */
    private static final long HELLO_TIMEOUT_SECONDS = 10;

    private final NodeAdmin admin;
    private final ServerSocketChannel server;
    private final String description;
    /** The cookie a TCP client must present; null on a Unix-domain socket. */
    private final String cookie;
    private final UserPrincipal owner;
    private final Path address;
    private final AtomicInteger connections = new AtomicInteger();

    private AdminServer(NodeAdmin admin, ServerSocketChannel server, String description, String cookie,
                        UserPrincipal owner, Path address) {
        this.admin = admin;
        this.server = server;
        this.description = description;
        this.cookie = cookie;
        this.owner = owner;
        this.address = address;
    }

    /**
     * Listens on {@code dir}'s socket (0600). A socket file left by a node that died is
     * replaced; one a live node answers on is refused.
     */
    static AdminServer unix(NodeAdmin admin, AdminDir dir) throws IOException, AdminException {
        dir.create();
        Path socket = dir.socket();
        if (Files.exists(socket)) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                throw new AdminException(AdminException.Kind.FAILED, "a node is already running at " + dir.dir().getParent()
                        + " (it answers on " + socket + "); stop it first with graft stop");
            } catch (IOException stale) {
                Files.delete(socket);
            }
        }
        Files.deleteIfExists(dir.port());
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + socket + " (" + e.getMessage() + "); a Unix-domain socket's path "
                    + "must be short (about 100 bytes): use a shorter release root, or the loopback channel (--admin tcp)", e);
        }
        Files.setPosixFilePermissions(socket, AdminDir.OWNER_ONLY_FILE);
        return start(new AdminServer(admin, server, "unix socket " + socket, null,
                Files.getOwner(dir.dir()), socket));
    }

    /** Listens on loopback port {@code port} (0: any free one, written to {@code dir}'s port file), with the node's cookie. */
    static AdminServer tcp(NodeAdmin admin, AdminDir dir, int port) throws IOException, AdminException {
        dir.create();
        Files.deleteIfExists(dir.socket());
        String cookie = Cookie.readOrCreate(dir.cookie());
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        int bound = ((InetSocketAddress) server.getLocalAddress()).getPort();
        Files.writeString(dir.port(), bound + "\n");
        return start(new AdminServer(admin, server, "loopback tcp port " + bound + " (cookie in " + dir.cookie() + ")",
                cookie, Files.getOwner(dir.dir()), dir.port()));
    }

    private static AdminServer start(AdminServer s) {
        s.admin.channel(s.description);
        Thread.ofPlatform().daemon().name("graft-admin-accept").start(s::acceptLoop);
        return s;
    }

    private void acceptLoop() {
        try {
            for (;;) {
                SocketChannel ch = server.accept();
                Thread.ofPlatform().daemon().name("graft-admin-" + connections.incrementAndGet()).start(() -> serve(ch));
            }
        } catch (AsynchronousCloseException closed) {
            // the node is stopping
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "the admin channel " + description + " failed; the node cannot be driven", e);
        }
    }

    private void serve(SocketChannel ch) {
        try (ch) {
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch));
            OutputStream out = Channels.newOutputStream(ch);
            String peer = peer(ch);
            AtomicBoolean greeted = new AtomicBoolean();
            CompletableFuture.delayedExecutor(HELLO_TIMEOUT_SECONDS, TimeUnit.SECONDS).execute(() -> {
                if (!greeted.get()) {
                    closeQuietly(ch); // a peer that says nothing does not keep a thread
                }
            });
            List<String> hello = AdminProtocol.read(in, AdminProtocol.HELLO_LIMIT);
            greeted.set(true);
            String refusal = refusal(ch, hello);
            if (refusal != null) {
                LOG.log(System.Logger.Level.WARNING, "refused an admin connection from " + peer + " on " + description
                        + ": " + refusal);
                AdminProtocol.write(out, List.of("error", "refused", refusal));
                return;
            }
            AdminProtocol.write(out, List.of("ok", admin.node().name()));
            new AdminConnection(admin, in, out).serve();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "an admin connection ended: " + e);
        }
    }

    /** Why the peer may not drive the node, or null if it may. */
    private String refusal(SocketChannel ch, List<String> hello) throws IOException {
        if (cookie == null) {
            // Where the JDK cannot ask the kernel who the peer is, the owner-only directory is the guard.
            if (ch.supportedOptions().contains(ExtendedSocketOptions.SO_PEERCRED)) {
                UnixDomainPrincipal who = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
                if (!who.user().equals(owner)) {
                    return "user " + who.user().getName() + " is not " + owner.getName() + ", who runs the node";
                }
            }
        } else if (!(ch.getRemoteAddress() instanceof InetSocketAddress a) || !a.getAddress().isLoopbackAddress()) {
            return "not a loopback address";
        }
        if (hello == null || hello.size() != 3 || !hello.get(0).equals("hello")) {
            return "no hello: expected 'hello<TAB>" + AdminProtocol.VERSION + "<TAB>COOKIE'";
        }
        if (!hello.get(1).equals(AdminProtocol.VERSION)) {
            return "protocol version " + hello.get(1) + "; this node speaks " + AdminProtocol.VERSION;
        }
        if (cookie != null && !Cookie.matches(cookie, hello.get(2))) {
            return "wrong cookie";
        }
        return null;
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException alreadyBroken) {
            // the reader sees the connection end either way
        }
    }

    private static String peer(SocketChannel ch) throws IOException {
        if (ch.getRemoteAddress() instanceof InetSocketAddress a) {
            return a.toString();
        }
        if (!ch.supportedOptions().contains(ExtendedSocketOptions.SO_PEERCRED)) {
            return "a unix socket peer";
        }
        return "user " + ch.getOption(ExtendedSocketOptions.SO_PEERCRED).user().getName() + " (unix socket)";
    }

    /** Stops listening and removes the socket or port file. Open connections end with the JVM. */
    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(address);
    }
}
