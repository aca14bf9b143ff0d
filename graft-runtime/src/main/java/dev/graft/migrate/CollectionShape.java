package dev.graft.migrate;

import dev.graft.code.ModuleVersion;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A collection class (a list, set, queue, ...): elements are migrated, path step {@code [i]} in
 * iteration order, and a collection in which one changed is rebuilt as {@link Migration} says:
 * made by {@code maker} (see {@link Containers#maker}), filled in iteration order, then
 * {@code finish}ed (an unmodifiable view for the JDK's unmodifiable kinds).
 */
record CollectionShape(MethodHandle maker, UnaryOperator<Collection<Object>> finish) implements Shape {
    static CollectionShape of(Class<?> c) {
        if (SortedSet.class.isAssignableFrom(c)) {
            return of(c, TreeSet.class, s -> Collections.unmodifiableNavigableSet((NavigableSet<Object>) s));
        }
        if (Set.class.isAssignableFrom(c)) {
            return of(c, LinkedHashSet.class, s -> Collections.unmodifiableSet((Set<Object>) s));
        }
        if (List.class.isAssignableFrom(c)) {
            return of(c, ArrayList.class, l -> Collections.unmodifiableList((List<Object>) l));
        }
        return of(c, PriorityQueue.class.isAssignableFrom(c) ? PriorityQueue.class : ArrayList.class,
                Collections::unmodifiableCollection);
    }

    private static CollectionShape of(Class<?> c, Class<?> general, UnaryOperator<Collection<Object>> unmodifiable) {
        return new CollectionShape(Containers.maker(c, general),
                Containers.isUnmodifiable(c) ? unmodifiable : UnaryOperator.identity());
    }

    @Override
    public Object migrate(Object value, ModuleVersion target, int depth) {
        Collection<?> in = (Collection<?>) value;
        Comparator<?> old = Containers.comparatorOf(in);
        Comparator<?> order = Containers.migrateComparator(old, target, depth);
        Object[] out = null; // the elements, copied at the first that changes
        int i = 0;
        for (Object e : in) {
            Object now = Shapes.migrateElement(e, target, depth + 1, i);
            if (now != e && out == null) {
                out = in.toArray();
            }
            if (out != null) {
                out[i] = now;
            }
            i++;
        }
        if (out == null) {
            if (order == old) {
                return value;
            }
            out = in.toArray();
        }
        try {
            @SuppressWarnings("unchecked") // the maker makes a collection of the kind value had
            Collection<Object> rebuilt = (Collection<Object>) Containers.make(maker, order);
            rebuilt.addAll(Arrays.asList(out));
            return finish.apply(rebuilt);
        } catch (RuntimeException e) {
            throw Failure.rebuilding(value, e);
        }
    }
}
