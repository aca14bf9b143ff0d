package chat;

import dev.graft.behaviour.ChildSpec;
import dev.graft.behaviour.StartResult;
import dev.graft.behaviour.Supervisor;
import dev.graft.code.Vsn;

/**
 * The top of the chat's tree. The room registry first; then the connections' supervisor; then
 * the listener, which owns the listening socket; then the acceptors that take connections on
 * it. Rest for one: when one fails, those started after it, which depend on it, start again.
 */
@Vsn("1")
public final class ChatSup implements Supervisor {
    public static StartResult startLink() {
        return Supervisor.startLink("chat_sup", ChatSup.class, null);
    }

    @Override
    public Init init(Object args) {
        return Init.of(Flags.of(Strategy.REST_FOR_ONE),
                ChildSpec.worker("rooms", () -> Rooms.startLink(), "chat.Rooms"),
                ChildSpec.supervisor("connections", () -> Connections.startLink(), "chat.Connections"),
                ChildSpec.worker("listener", () -> Listener.startLink(), "chat.Listener"),
                ChildSpec.supervisor("acceptors", () -> Acceptors.startLink(), "chat.Acceptors"));
    }
}
