package chat;

import dev.graft.code.Vsn;
import dev.graft.examples.chat.LineSocket;

/**
 * What the chat says, version 2: a line goes to everyone in the room, as {@code NICK: line};
 * {@code /nick NAME} names the connection; {@code /join ROOM} moves it to another room.
 */
@Vsn("2")
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
        } else if (line.startsWith("/nick ")) {
            String nick = line.substring("/nick ".length()).strip();
            Rooms.nick(nick);
            socket.send("* you are now " + nick);
        } else if (line.startsWith("/")) {
            socket.send("* unknown command " + line);
        } else {
            Rooms.say(line);
        }
    }

    /** A message for the client from another process: a line to show. */
    public static void deliver(LineSocket socket, Object message) {
        if (message instanceof String line) {
            socket.send(line);
        }
    }
}
