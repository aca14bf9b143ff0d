package chat;

import dev.graft.behaviour.StartResult;
import dev.graft.code.Code;
import dev.graft.code.Vsn;
import dev.graft.examples.chat.LineSocket;
import java.net.ServerSocket;

/** An acceptor: waits for a client on the listening socket, has a connection process serve it, and waits again. */
@Vsn("1")
public final class Acceptor {
    private Acceptor() {}

    public static StartResult startLink(ServerSocket listening) {
        return new StartResult.Ok(Code.spawnLink("chat.Acceptor", "loop", listening));
    }

    public static Object loop(ServerSocket listening) {
        Connections.serve(LineSocket.accept(listening));
        return Code.tail(Acceptor::loop, listening);
    }
}
