package chat;

import dev.graft.behaviour.ChildSpec;
import dev.graft.behaviour.StartResult;
import dev.graft.behaviour.Supervisor;
import dev.graft.code.Vsn;
import java.net.ServerSocket;
import java.util.stream.IntStream;

/** The pool of acceptors, as many as the chat's {@code acceptors} setting, all on the listener's socket. */
@Vsn("1")
public final class Acceptors implements Supervisor {
    public static StartResult startLink() {
        return Supervisor.startLink("chat_acceptors", Acceptors.class, null);
    }

    @Override
    public Init init(Object args) {
        ServerSocket listening = Listener.socket();
        int count = ((Number) ChatApp.env("acceptors")).intValue();
        return Init.of(Flags.of(Strategy.ONE_FOR_ONE), IntStream.range(0, count)
                .mapToObj(i -> ChildSpec.worker("acceptor " + i, () -> Acceptor.startLink(listening), "chat.Acceptor"))
                .toList());
    }
}
