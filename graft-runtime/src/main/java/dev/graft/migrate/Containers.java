package dev.graft.migrate;

import dev.graft.code.ModuleVersion;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * What the collection and map shapes share: how to make an empty container of the kind a
 * value had, and its comparator. Stateless.
 */
final class Containers {
    private static final MethodType MAKER = MethodType.methodType(Object.class, Comparator.class);

    private Containers() {}

    /**
     * Whether {@code c} is one of the JDK's unmodifiable collections or maps: {@code List.of},
     * {@code Stream.toList}, {@code Collections.unmodifiable*}, {@code empty*}, {@code singleton*}.
     */
    static boolean isUnmodifiable(Class<?> c) {
        String name = c.getName();
        return name.startsWith("java.util.ImmutableCollections$") || name.startsWith("java.util.Collections$Unmodifiable")
                || name.startsWith("java.util.Collections$Empty") || name.startsWith("java.util.Collections$Singleton");
    }

    /** Whether instances of {@code c} are ordered by a comparator they carry. */
    private static boolean isOrdered(Class<?> c) {
        return SortedSet.class.isAssignableFrom(c) || SortedMap.class.isAssignableFrom(c)
                || PriorityQueue.class.isAssignableFrom(c);
    }

    /**
     * A {@code (Comparator)Object} handle making an empty container for values of {@code c}:
     * {@code c}'s own public {@code (Comparator)} constructor if {@code c} is ordered, else its
     * public no-argument one; failing that, or for the JDK's unmodifiable kinds, those of
     * {@code general}, a public JDK class that has them.
     */
    static MethodHandle maker(Class<?> c, Class<?> general) {
        MethodHandle own = isUnmodifiable(c) ? null : constructor(c, isOrdered(c));
        return own != null ? own : constructor(general, isOrdered(general));
    }

    private static MethodHandle constructor(Class<?> c, boolean ordered) {
        if (!Modifier.isPublic(c.getModifiers()) || Modifier.isAbstract(c.getModifiers())) {
            return null;
        }
        try {
            MethodHandle h = MethodHandles.publicLookup().findConstructor(c,
                    ordered ? MethodType.methodType(void.class, Comparator.class) : MethodType.methodType(void.class));
            return (ordered ? h : MethodHandles.dropArguments(h, 0, Comparator.class)).asType(MAKER);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** Calls a {@link #maker}. */
    static Object make(MethodHandle maker, Comparator<?> order) {
        try {
            return (Object) maker.invokeExact(order);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("a public constructor of a container threw a checked exception", t);
        }
    }

    /** The comparator {@code container} is ordered by, or null (natural order, or not ordered). */
    static Comparator<?> comparatorOf(Object container) {
        return switch (container) {
            case SortedSet<?> s -> s.comparator();
            case SortedMap<?, ?> m -> m.comparator();
            case PriorityQueue<?> q -> q.comparator();
            default -> null;
        };
    }

    /** A container's comparator {@code order} migrated for {@code target}; path step {@code .comparator()}. */
    static Comparator<?> migrateComparator(Comparator<?> order, ModuleVersion target, int depth) {
        try {
            return (Comparator<?>) Shapes.migrate(order, target, depth + 1);
        } catch (Failure f) {
            throw f.under(".comparator()");
        }
    }
}
