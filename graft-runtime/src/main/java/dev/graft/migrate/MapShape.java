package dev.graft.migrate;

import dev.graft.code.ModuleVersion;
import java.lang.invoke.MethodHandle;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A map class: keys (path step {@code .keySet()[i]}, in iteration order) and values (path step
 * {@code [key]}) are migrated, and a map in which one changed is rebuilt as {@link Migration}
 * says: made by {@code maker} (see {@link Containers#maker}), filled in iteration order, then
 * {@code finish}ed (an unmodifiable view for the JDK's unmodifiable kinds).
 */
record MapShape(MethodHandle maker, UnaryOperator<Map<Object, Object>> finish) implements Shape {
    static MapShape of(Class<?> c) {
        boolean sorted = SortedMap.class.isAssignableFrom(c);
        UnaryOperator<Map<Object, Object>> unmodifiable = sorted
                ? m -> Collections.unmodifiableNavigableMap((NavigableMap<Object, Object>) m)
                : Collections::unmodifiableMap;
        return new MapShape(Containers.maker(c, sorted ? TreeMap.class : LinkedHashMap.class),
                Containers.isUnmodifiable(c) ? unmodifiable : UnaryOperator.identity());
    }

    @Override
    public Object migrate(Object value, ModuleVersion target, int depth) {
        Map<?, ?> in = (Map<?, ?>) value;
        Comparator<?> old = Containers.comparatorOf(in);
        Comparator<?> order = Containers.migrateComparator(old, target, depth);
        Object[] out = null; // keys and values, alternately, copied at the first entry that changes
        int i = 0;
        for (Map.Entry<?, ?> e : in.entrySet()) {
            Object key = key(e, target, depth, i);
            Object now = value(e, target, depth);
            if ((key != e.getKey() || now != e.getValue()) && out == null) {
                out = entries(in, i);
            }
            if (out != null) {
                out[2 * i] = key;
                out[2 * i + 1] = now;
            }
            i++;
        }
        if (out == null) {
            if (order == old) {
                return value;
            }
            out = entries(in, in.size());
        }
        try {
            @SuppressWarnings("unchecked") // the maker makes a map of the kind value had
            Map<Object, Object> rebuilt = (Map<Object, Object>) Containers.make(maker, order);
            for (int j = 0; j < out.length; j += 2) {
                rebuilt.put(out[j], out[j + 1]);
            }
            return finish.apply(rebuilt);
        } catch (RuntimeException e) {
            throw Failure.rebuilding(value, e);
        }
    }

    /** Room for the keys and values of {@code in}, alternately, with those of its first {@code n} entries copied. */
    private static Object[] entries(Map<?, ?> in, int n) {
        Object[] out = new Object[2 * in.size()];
        int i = 0;
        for (Map.Entry<?, ?> e : in.entrySet()) {
            if (i == n) {
                break;
            }
            out[2 * i] = e.getKey();
            out[2 * i + 1] = e.getValue();
            i++;
        }
        return out;
    }

    private static Object key(Map.Entry<?, ?> e, ModuleVersion target, int depth, int index) {
        try {
            return Shapes.migrate(e.getKey(), target, depth + 1);
        } catch (Failure f) {
            throw f.under(".keySet()[" + index + "]");
        }
    }

    private static Object value(Map.Entry<?, ?> e, ModuleVersion target, int depth) {
        try {
            return Shapes.migrate(e.getValue(), target, depth + 1);
        } catch (Failure f) {
            throw f.under("[" + Failure.render(e.getKey()) + "]");
        }
    }
}
