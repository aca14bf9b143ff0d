package shop;

import dev.graft.behaviour.GenServer;
import dev.graft.gen.From;
import dev.graft.process.Pid;

public final class Counter implements GenServer<Counter.State> {
    public record State(int count) {}

    public static Pid startLink() {
        return GenServer.startLink("counter", Counter.class, null).pid();
    }

    @Override
    public Init<State> init(Object args) {
        return Init.ok(new State(0));
    }

    @Override
    public CallResult<State> handleCall(Object request, From from, State s) {
        return new Reply<>(s.count() + 1, new State(s.count() + 1));
    }
}
