package chat;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.Vsn;
import dev.graft.gen.From;
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
 * who, leave) to the chat's {@code log} file. The state keeps version 2's shape, so the
 * upgrade only loads this module: the server's state is migrated structurally at its next
 * message, record by record, and so is it on the way back to version 2.
 */
@Vsn("3")
public final class Rooms implements GenServer<Rooms.State> {
    private static final String NAME = "chat_rooms";
    private static final String NO_NICK = "anon";

    record Member(String room, String nick) {}

    /** Each member by its connection's process. Never changed in place: each change makes a new map. */
    record State(Map<Pid, Member> members) {}

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
                Member now = new Member(room, before == null ? NO_NICK : before.nick());
                members.put(member, now);
                log(now, "joined");
            }
            case Nick(Pid member, String nick) -> {
                Member before = members.get(member);
                if (before != null) {
                    members.put(member, new Member(before.room(), nick));
                    log(before, "is now " + nick);
                }
            }
            case Who(Pid member) -> {
                Member asker = members.get(member);
                List<String> nicks = asker == null ? List.of() : members.values().stream()
                        .filter(m -> m.room().equals(asker.room())).map(Member::nick).sorted().toList();
                if (asker != null) {
                    log(asker, "asked who is here: " + nicks.size());
                }
                return new Reply<>(nicks, state);
            }
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
            Member left = members.remove(gone);
            if (left != null) {
                log(left, "left");
            }
            return new NoReply<>(new State(members));
        }
        return new NoReply<>(state);
    }

    /** Appends one line to the chat's log: when, the room, the member, what happened. */
    private static void log(Member member, String event) {
        Path file = Path.of((String) ChatApp.env("log"));
        String line = Instant.now() + " " + member.room() + " " + member.nick() + " " + event + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chat's log " + file, e);
        }
    }
}
