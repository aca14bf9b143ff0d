package bench;

import dev.graft.behaviour.ChildSpec;
import dev.graft.behaviour.StartResult;
import dev.graft.behaviour.Supervisor;
import dev.graft.code.Vsn;

/**
 * The supervisor of the release upgrade benchmark's servers, registered as
 * {@value #NAME}: simple_one_for_one, every child a {@link Counter} whose child spec lists
 * {@code bench.Counter}, by which the release handler finds it.
 */
@Vsn("1")
public final class CounterSup implements Supervisor {
    public static final String NAME = "bench_counter_sup";

    public static StartResult startLink() {
        return Supervisor.startLink(NAME, CounterSup.class, null);
    }

    @Override
    public Init init(Object args) {
        return Init.of(Flags.of(Strategy.SIMPLE_ONE_FOR_ONE).withIntensity(0, 1),
                ChildSpec.worker("counter", extraArgs -> Counter.startLink(), "bench.Counter"));
    }
}
