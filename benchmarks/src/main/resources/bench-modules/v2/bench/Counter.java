package bench;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.Vsn;
import dev.graft.gen.From;

/**
 * Version 2 of the counting GenServer: its state is a record of this version, which
 * {@link #codeChange} builds from version 1's {@code Long}, noting when it ran
 * ({@link System#nanoTime()}): from then on the server holds until its upgrade commits, which is
 * how the upgrade benchmarks time each server's unavailability.
 */
@Vsn("2")
public final class Counter implements GenServer<Counter.State> {
    /**
     * The calls answered, the version 1 count it started from, and when codeChange made it (0 for
     * a server started on version 2).
     */
    public record State(long calls, long fromV1, long changedAt) {}

    /** Starts a counter linked to the caller: the start of {@link CounterSup}'s children. */
    public static StartResult startLink() {
        return GenServer.startLink(Counter.class, null);
    }

    @Override
    public Init<State> init(Object args) {
        return Init.ok(new State(0, 0, 0));
    }

    @Override
    public CallResult<State> handleCall(Object request, From from, State s) {
        return new Reply<>(s.calls(), new State(s.calls() + 1, s.fromV1(), s.changedAt()));
    }

    @Override
    public State codeChange(Object oldVsn, Object oldState, Object extra) {
        if (!"1".equals(oldVsn)) {
            throw new IllegalArgumentException("Counter v2 upgrades from version 1 only, not " + oldVsn);
        }
        long calls = (Long) oldState;
        return new State(calls, calls, System.nanoTime());
    }
}
