package bench;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.Vsn;
import dev.graft.gen.From;

/**
 * A GenServer that counts the calls it answered: the server of the GenServer call benchmark and
 * of the upgrade under load. Every call is answered with the count before it. Its state is a
 * {@code Long}, a shared type, so that v2's codeChange can read it without migration.
 */
@Vsn("1")
public final class Counter implements GenServer<Long> {
    /** Starts a counter linked to the caller: the start of {@link CounterSup}'s children. */
    public static StartResult startLink() {
        return GenServer.startLink(Counter.class, null);
    }

    @Override
    public Init<Long> init(Object args) {
        return Init.ok(0L);
    }

    @Override
    public CallResult<Long> handleCall(Object request, From from, Long calls) {
        return new Reply<>(calls, calls + 1);
    }
}
