package chat;

import dev.graft.code.Vsn;
import dev.graft.examples.chat.LineSocket;

/**
 * What the chat says, version 1: each line comes back as it was sent; {@code /join ROOM}
 * moves the connection to another room. It runs in the connection's process, called by the
 * connection loop for each line and each message.
 */
@Vsn("1")
public final class Protocol {
    private Protocol() {}

    /** A connection opened: it starts in the lobby. */
    public static void connected(LineSocket socket) {
        Rooms.join("lobby");
    }

    /** A line the client sent. */
    public static void handle(LineSocket socket, String line) {
        if (line.startsWith("/join ")) {
            String room = line.substring("/join ".length()).strip();
            Rooms.join(room);
            socket.send("* joined " + room);
        } else {
            socket.send(line);
        }
    }

    /** A message for the client from another process: a line to show. */
    public static void deliver(LineSocket socket, Object message) {
        if (message instanceof String line) {
            socket.send(line);
        }
    }
}
