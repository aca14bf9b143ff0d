package chat;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.Vsn;
import dev.graft.gen.From;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.util.HashMap;
import java.util.Map;

/**
 * The room registry, version 1: which room each connection is in. A connection joins the
 * lobby when it opens and leaves its room when it ends (the registry monitors it).
 */
@Vsn("1")
public final class Rooms implements GenServer<Rooms.State> {
    private static final String NAME = "chat_rooms";

    /** Each connection's room, by its process. Never changed in place: each change makes a new map. */
    record State(Map<Pid, String> roomOf) {}

    record Join(Pid member, String room) {}

    public static StartResult startLink() {
        return GenServer.startLink(NAME, Rooms.class, null);
    }

    /** Puts the calling connection in {@code room}, out of the one it was in. */
    public static void join(String room) {
        GenServer.call(NAME, new Join(Proc.self(), room));
    }

    @Override
    public Init<State> init(Object args) {
        return Init.ok(new State(Map.of()));
    }

    @Override
    public CallResult<State> handleCall(Object request, From from, State state) {
        if (!(request instanceof Join(Pid member, String room))) {
            throw new IllegalArgumentException("unknown request " + request);
        }
        Map<Pid, String> roomOf = new HashMap<>(state.roomOf());
        if (roomOf.put(member, room) == null) {
            Proc.monitor(member);
        }
        return new Reply<>("ok", new State(roomOf));
    }

    @Override
    public Result<State> handleInfo(Object info, State state) {
        if (info instanceof dev.graft.process.Down(var _, Pid gone, var _)) { // a monitor's Down; GenServer.Down is a downgrade's
            Map<Pid, String> roomOf = new HashMap<>(state.roomOf());
            roomOf.remove(gone);
            return new NoReply<>(new State(roomOf));
        }
        return new NoReply<>(state);
    }
}
