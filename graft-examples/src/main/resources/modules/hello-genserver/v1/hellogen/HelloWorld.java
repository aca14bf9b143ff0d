package hellogen;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.Vsn;
import dev.graft.process.Io;
import dev.graft.process.Proc;
import dev.graft.term.Atom;

/** Seed 000's HelloWorld as a GenServer, version 1: says "Hi" at every {@code hello} it sends itself. */
@Vsn("1")
public final class HelloWorld implements GenServer<HelloWorld.State> {
    static final Atom HELLO = Atom.of("hello");

    public record State(String name, long everyMillis) {}

    public static StartResult startLink(long everyMillis) {
        return GenServer.startLink(HelloWorld.class, new State("Joe", everyMillis));
    }

    @Override
    public Init<State> init(Object args) {
        State s = (State) args;
        Proc.sendAfter(s.everyMillis(), Proc.self(), HELLO);
        return Init.ok(s);
    }

    @Override
    public Result<State> handleInfo(Object info, State s) {
        if (HELLO.equals(info)) {
            Io.println("Hi, " + s.name());
            Proc.sendAfter(s.everyMillis(), Proc.self(), HELLO);
        }
        return new NoReply<>(s);
    }
}
