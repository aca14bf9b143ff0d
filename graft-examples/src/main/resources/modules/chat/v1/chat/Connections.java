package chat;

import dev.graft.behaviour.ChildSpec;
import dev.graft.behaviour.StartResult;
import dev.graft.behaviour.Supervisor;
import dev.graft.code.Vsn;
import dev.graft.examples.chat.LineSocket;
import java.util.List;

/** The connections' supervisor: one temporary child per client, started by an acceptor (simple one for one). */
@Vsn("1")
public final class Connections implements Supervisor {
    private static final String NAME = "chat_connections";

    public static StartResult startLink() {
        return Supervisor.startLink(NAME, Connections.class, null);
    }

    /** Starts the process that serves a socket an acceptor took; a start that fails crashes the acceptor. */
    public static void serve(LineSocket socket) {
        Supervisor.startChild(NAME, List.of(socket)).pid();
    }

    @Override
    public Init init(Object args) {
        return Init.of(Flags.of(Strategy.SIMPLE_ONE_FOR_ONE),
                ChildSpec.worker("connection", extra -> Connection.start((LineSocket) extra.getFirst()),
                                "chat.Connection", "chat.Protocol")
                        .withRestart(ChildSpec.Restart.TEMPORARY)
                        .withShutdown(ChildSpec.Shutdown.BRUTAL_KILL));
    }
}
