package chat;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.Vsn;
import dev.graft.gen.From;
import dev.graft.process.Proc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Owns the listening socket, open on the chat's {@code port} (0: any free port) while it runs. */
@Vsn("1")
public final class Listener implements GenServer<ServerSocket> {
    private static final String NAME = "chat_listener";

    public static StartResult startLink() {
        return GenServer.startLink(NAME, Listener.class, null);
    }

    /** The listening socket, which the acceptors accept on. */
    public static ServerSocket socket() {
        return GenServer.call(NAME, "socket");
    }

    /** The port the chat listens on. */
    public static int port() {
        return socket().getLocalPort();
    }

    @Override
    public Init<ServerSocket> init(Object args) {
        Proc.trapExit(true); // so that the supervisor's shutdown reaches terminate, which closes the socket
        int port = ((Number) ChatApp.env("port")).intValue();
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port), 1024);
            return Init.ok(socket);
        } catch (IOException e) {
            return Init.stop("cannot listen on port " + port + ": " + e.getMessage());
        }
    }

    @Override
    public CallResult<ServerSocket> handleCall(Object request, From from, ServerSocket socket) {
        return new Reply<>(socket, socket);
    }

    @Override
    public void terminate(Object reason, ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // it is going away either way
        }
    }
}
