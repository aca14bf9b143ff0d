package chat;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.Vsn;
import dev.graft.gen.From;
import dev.graft.migrate.Migration;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The room registry, version 3: tells who is in a room, and logs what members do (join, nick,
 * who, leave) to the chat's {@code log} file, numbering the entries. The state gains the count
 * of entries logged. This version writes no codeChange: the default migrates the state
 * structurally, record by record, and the new count starts at 0 ({@code @Migration.Default}).
 * On the way back, Rooms 2's codeChange drops it the same way.
 */
@Vsn("3")
public final class Rooms implements GenServer<Rooms.State> {
    private static final String NAME = "chat_rooms";
    private static final String NO_NICK = "anon";

    record Member(String room, String nick) {}

    /**
     * Each member by its connection's process, and how many entries the log has. Never changed
     * in place: each change makes a new map.
     */
    record State(Map<Pid, Member> members, @Migration.Default("0") long logged) {}

    record Join(Pid member, String room) {}

    record Nick(Pid member, String nick) {}

    record Say(Pid member, String text) {}

    record Who(Pid member) {}

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

    /** The nicks of everyone in the calling connection's room, sorted. */
    public static List<String> who() {
        return GenServer.call(NAME, new Who(Proc.self()));
    }

    @Override
    public Init<State> init(Object args) {
        return Init.ok(new State(Map.of(), 0));
    }

    @Override
    public CallResult<State> handleCall(Object request, From from, State state) {
        Map<Pid, Member> members = new HashMap<>(state.members());
        return switch (request) {
            case Join(Pid member, String room) -> {
                Member before = members.get(member);
                if (before == null) {
                    Proc.monitor(member);
                }
                Member now = new Member(room, before == null ? NO_NICK : before.nick());
                members.put(member, now);
                yield new Reply<>("ok", logged(new State(members, state.logged()), now, "joined"));
            }
            case Nick(Pid member, String nick) -> {
                Member before = members.get(member);
                if (before == null) {
                    yield new Reply<>("ok", state);
                }
                members.put(member, new Member(before.room(), nick));
                yield new Reply<>("ok", logged(new State(members, state.logged()), before, "is now " + nick));
            }
            case Who(Pid member) -> {
                Member asker = members.get(member);
                if (asker == null) {
                    yield new Reply<>(List.of(), state);
                }
                List<String> nicks = members.values().stream().filter(m -> m.room().equals(asker.room()))
                        .map(Member::nick).sorted().toList();
                yield new Reply<>(nicks, logged(state, asker, "asked who is here: " + nicks.size()));
            }
            default -> throw new IllegalArgumentException("unknown request " + request);
        };
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
            Member left = members.remove(gone);
            State now = new State(members, state.logged());
            return new NoReply<>(left == null ? now : logged(now, left, "left"));
        }
        return new NoReply<>(state);
    }

    /** Appends entry number {@code logged + 1} to the chat's log: when, the room, the member, what happened. */
    private static State logged(State state, Member member, String event) {
        long entry = state.logged() + 1;
        Path file = Path.of((String) ChatApp.env("log"));
        String line = "#" + entry + " " + Instant.now() + " " + member.room() + " " + member.nick() + " " + event + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chat's log " + file, e);
        }
        return new State(state.members(), entry);
    }
}
