package kv;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.Vsn;
import dev.graft.gen.From;
import dev.graft.term.Atom;
import java.util.HashMap;
import java.util.Map;

/** Seed 001's KV, version 0: a key-value store in a GenServer registered as "KV". */
@Vsn("0")
public final class KV implements GenServer<Map<String, Object>> {
    static final Atom OK = Atom.of("ok");

    record Get(String key, Object orElse) {}

    record Put(String key, Object value) {}

    public static StartResult startLink() {
        return GenServer.startLink("KV", KV.class, null);
    }

    public static Object get(String key) {
        return GenServer.call("KV", new Get(key, null));
    }

    public static Object put(String key, Object value) {
        return GenServer.call("KV", new Put(key, value));
    }

    @Override
    public Init<Map<String, Object>> init(Object args) {
        return Init.ok(Map.of());
    }

    @Override
    public CallResult<Map<String, Object>> handleCall(Object request, From from, Map<String, Object> state) {
        return switch (request) {
            case Get(String key, Object orElse) -> new Reply<>(state.getOrDefault(key, orElse), state);
            case Put(String key, Object value) -> {
                Map<String, Object> next = new HashMap<>(state);
                next.put(key, value);
                yield new Reply<>(OK, Map.copyOf(next));
            }
            default -> throw new IllegalArgumentException("KV: unknown request " + request);
        };
    }
}
