package chat;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.Vsn;
import dev.graft.gen.From;
import dev.graft.migrate.Migration;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.util.HashMap;
import java.util.Map;

/**
 * The room registry, version 2: members have nicknames, and a line said in a room goes to
 * everyone in it, the sayer too, as {@code NICK: line}. The state changes shape: version 1
 * kept each member's room, version 2 keeps each member's room and nick. The upgrade converts
 * it in {@link #codeChange} (the appup's {@code {update, 'chat.Rooms', {advanced, []}}}).
 * (A downgrade runs the codeChange of the version it goes to: this one, back from version 3.)
 */
@Vsn("2")
public final class Rooms implements GenServer<Rooms.State> {
    private static final String NAME = "chat_rooms";
    private static final String NO_NICK = "anon";

    record Member(String room, String nick) {}

    /** Each member by its connection's process. Never changed in place: each change makes a new map. */
    record State(Map<Pid, Member> members) {}

    /** Version 1's state as this version reads it, to convert it. */
    private record StateV1(Map<Pid, String> roomOf) {}

    record Join(Pid member, String room) {}

    record Nick(Pid member, String nick) {}

    record Say(Pid member, String text) {}

    public static StartResult startLink() {
        return GenServer.startLink(NAME, Rooms.class, null);
    }

    /** Puts the calling connection in {@code room}, out of the one it was in. */
    public static void join(String room) {
        GenServer.call(NAME, new Join(Proc.self(), room));
    }

    /** Names the calling connection {@code nick} in its room. */
    public static void nick(String nick) {
        GenServer.call(NAME, new Nick(Proc.self(), nick));
    }

    /** Sends {@code text} to everyone in the calling connection's room, as {@code NICK: text}. */
    public static void say(String text) {
        GenServer.cast(NAME, new Say(Proc.self(), text));
    }

    @Override
    public Init<State> init(Object args) {
        return Init.ok(new State(Map.of()));
    }

    @Override
    public CallResult<State> handleCall(Object request, From from, State state) {
        Map<Pid, Member> members = new HashMap<>(state.members());
        switch (request) {
            case Join(Pid member, String room) -> {
                Member before = members.get(member);
                if (before == null) {
                    Proc.monitor(member);
                }
                members.put(member, new Member(room, before == null ? NO_NICK : before.nick()));
            }
            case Nick(Pid member, String nick) -> members.computeIfPresent(member, (p, m) -> new Member(m.room(), nick));
            default -> throw new IllegalArgumentException("unknown request " + request);
        }
        return new Reply<>("ok", new State(members));
    }

    @Override
    public Result<State> handleCast(Object request, State state) {
        if (!(request instanceof Say(Pid sayer, String text))) {
            throw new IllegalArgumentException("unknown request " + request);
        }
        Member from = state.members().get(sayer);
        if (from != null) {
            String line = from.nick() + ": " + text;
            state.members().forEach((pid, m) -> {
                if (m.room().equals(from.room())) {
                    Proc.send(pid, line);
                }
            });
        }
        return new NoReply<>(state);
    }

    @Override
    public Result<State> handleInfo(Object info, State state) {
        if (info instanceof dev.graft.process.Down(var _, Pid gone, var _)) { // a monitor's Down; GenServer.Down is a downgrade's
            Map<Pid, Member> members = new HashMap<>(state.members());
            members.remove(gone);
            return new NoReply<>(new State(members));
        }
        return new NoReply<>(state);
    }

    /**
     * Up from version 1, converted here: every member keeps its room and has no nick yet. Down
     * from a later version, whose state has this one's records and more, structurally.
     */
    @Override
    public State codeChange(Object oldVsn, Object oldState, Object extra) {
        if (oldVsn instanceof Down) {
            return GenServer.super.codeChange(oldVsn, oldState, extra);
        }
        if (!"1".equals(oldVsn)) {
            throw new IllegalArgumentException("Rooms 2 changes code from version 1 only, not " + oldVsn);
        }
        StateV1 old = Migration.convert(oldState, StateV1.class);
        Map<Pid, Member> members = new HashMap<>();
        old.roomOf().forEach((pid, room) -> members.put(pid, new Member(room, NO_NICK)));
        return new State(members);
    }
}
