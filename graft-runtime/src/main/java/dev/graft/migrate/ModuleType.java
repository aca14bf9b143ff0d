package dev.graft.migrate;

import dev.graft.code.ModuleVersion;
import java.lang.ref.WeakReference;

/**
 * The shape of a record or enum declared in a module, in one version: converts values of its
 * version to the same-named type of another version of the module (the <em>counterpart</em>).
 *
 * <p>The mapping to a counterpart (which component or constant feeds which) is computed once
 * and cached in {@link #link}, for the last target version asked for. The link holds the
 * counterpart's shape weakly and refers to nothing else of the target, so a cached link keeps
 * no version alive in either direction: a version's shape lives in its class's
 * {@link ClassValue} and goes with it.
 *
 * @param <S> the kind of shape this is, and of its counterpart
 */
abstract sealed class ModuleType<S extends ModuleType<S>> implements Shape permits ModuleRecord, ModuleEnum {
    final Class<?> type;
    final ModuleVersion version;
    /**
     * The mapping to the last target's counterpart, or null. Immutable links, published through
     * the volatile write; two threads that miss at once both build one and the last write wins,
     * either being right. A link whose counterpart is gone or of another version is rebuilt.
     */
    private volatile Link<S> link;

    private record Link<S>(WeakReference<S> counterpart, int[] map) {}

    ModuleType(Class<?> type, ModuleVersion version) {
        this.type = type;
        this.version = version;
    }

    /** "a record" or "an enum", for messages. */
    abstract String kind();

    /**
     * For each component or constant of {@code to}, where it comes from in this type, or the
     * other way round: whatever {@link #convert} reads.
     *
     * @throws Failure if no value of this type can become one of {@code to}
     */
    abstract int[] mapTo(S to);

    /** {@code value}, of this type, as a value of {@code to} by {@code map}. */
    abstract Object convert(Object value, S to, int[] map, ModuleVersion target, int depth);

    @Override
    public final Object migrate(Object value, ModuleVersion target, int depth) {
        if (!Shapes.isOtherVersion(version, target)) {
            return value;
        }
        Link<S> l = link;
        S to = l == null ? null : l.counterpart.get();
        if (to == null || to.version != target) {
            to = counterpart(target);
            l = new Link<>(new WeakReference<>(to), mapTo(to));
            link = l;
        }
        return convert(value, to, l.map, target, depth);
    }

    private S counterpart(ModuleVersion target) {
        Class<?> c = target.findClass(type.getName()).orElseThrow(
                () -> new Failure(type.getName(), null, target + " has no class " + type.getName()));
        Shape shape = Shapes.of(c);
        if (!getClass().isInstance(shape)) {
            throw new Failure(type.getName(), null, "it is " + kind() + " in " + version + " but not in " + target);
        }
        @SuppressWarnings("unchecked") // getClass() is S's class: ModuleRecord or ModuleEnum, both final
        S to = (S) shape;
        return to;
    }
}
