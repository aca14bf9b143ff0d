package shop;

import dev.graft.application.Application;
import dev.graft.application.StartType;

public final class ShopApp implements Application<Object> {
    @Override
    public Start<Object> start(StartType type, Object args) {
        return Start.ok(Counter.startLink());
    }

    @Override
    public void stop(Object state) {}
}
