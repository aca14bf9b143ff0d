package shop;

import dev.graft.behaviour.GenServer;
import dev.graft.gen.From;
import dev.graft.migrate.Migration;
import dev.graft.process.Pid;

public final class Counter implements GenServer<Counter.State> {
    public record State(int count, @Migration.Default java.util.List<String> log) {}

    public static Pid startLink() {
        return GenServer.startLink("counter", Counter.class, null).pid();
    }

    @Override
    public Init<State> init(Object args) {
        return Init.ok(new State(0, java.util.List.of()));
    }

    @Override
    public CallResult<State> handleCall(Object request, From from, State s) {
        return new Reply<>(Names.of(s.count() + 1), new State(s.count() + 1, s.log()));
    }
}
