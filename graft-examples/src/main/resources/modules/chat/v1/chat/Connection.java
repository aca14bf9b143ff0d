package chat;

import dev.graft.behaviour.StartResult;
import dev.graft.code.Code;
import dev.graft.code.Vsn;
import dev.graft.examples.chat.LineSocket;
import dev.graft.process.Proc;

/**
 * One client's connection: a process that owns the socket and loops over its mailbox, where the
 * socket's lines and the room's messages arrive. This module holds the loop and nothing else,
 * so it need never change. What the chat says is Protocol's, reached by remote calls, which
 * Graft links to Protocol's current version: a new protocol serves the connection's very next
 * line. The loop re-enters itself through {@code Code.tail}, Erlang's {@code ?MODULE:loop(S)}:
 * no frame stays on the stack between two messages, so the process survives every upgrade.
 */
@Vsn("1")
public final class Connection {
    private Connection() {}

    /** Starts the process serving {@code socket}, linked to the caller (the connections' supervisor). */
    public static StartResult start(LineSocket socket) {
        return new StartResult.Ok(Code.spawnLink("chat.Connection", "init", socket));
    }

    public static Object init(LineSocket socket) {
        socket.activate();
        Protocol.connected(socket);
        return Code.tail(Connection::loop, socket);
    }

    public static Object loop(LineSocket socket) {
        switch (Proc.receive()) {
            case LineSocket.Line(var _, String text) -> Protocol.handle(socket, text);
            case LineSocket.Closed closed -> {
                return closed; // the process ends; the room registry sees it go
            }
            case Object other -> Protocol.deliver(socket, other);
        }
        return Code.tail(Connection::loop, socket);
    }
}
