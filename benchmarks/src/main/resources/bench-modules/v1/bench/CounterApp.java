package bench;

import dev.graft.application.Application;
import dev.graft.application.StartType;
import dev.graft.code.Vsn;

/** The application of the release upgrade benchmark: starts {@link CounterSup}, to which the benchmark adds its servers. */
@Vsn("1")
public final class CounterApp implements Application<Object> {
    @Override
    public Start<Object> start(StartType type, Object args) {
        return Start.ok(CounterSup.startLink().pid());
    }

    @Override
    public void stop(Object state) {}
}
