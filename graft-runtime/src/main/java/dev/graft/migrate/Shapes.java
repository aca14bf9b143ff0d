package dev.graft.migrate;

import dev.graft.code.ModuleVersion;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of every class, computed on first use and kept with the class ({@link ClassValue}),
 * so a version's shapes go with its classes when it is purged; and the recursion through a
 * value. Thread-safe: {@link ClassValue} computes a class's shape at most once per race and
 * publishes it safely.
 */
final class Shapes {
    /** Deeper than this, a value is taken for a cycle through a mutable container. */
    static final int MAX_DEPTH = 1_000;

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> c) {
            return classify(c);
        }
    };

    private Shapes() {}

    static Shape of(Class<?> c) {
        return SHAPES.get(c);
    }

    /** {@code value} converted for {@code target} (see {@link Shape#migrate}). */
    static Object migrate(Object value, ModuleVersion target, int depth) {
        if (value == null) {
            return null;
        }
        Shape shape = SHAPES.get(value.getClass());
        if (shape == Opaque.INSTANCE) {
            return value;
        }
        if (depth > MAX_DEPTH) {
            throw new Failure(value.getClass().getName(), null, "it is nested more than " + MAX_DEPTH
                    + " records and containers deep: a cycle through a mutable container?");
        }
        return shape.migrate(value, target, depth);
    }

    /** {@link #migrate} of the component {@code name} of a record: a failure's path gets {@code .name}. */
    static Object migrateComponent(Object value, ModuleVersion target, int depth, String name) {
        try {
            return migrate(value, target, depth);
        } catch (Failure f) {
            throw f.under("." + name);
        }
    }

    /** {@link #migrate} of the element at {@code index} of a collection or array: a failure's path gets {@code [index]}. */
    static Object migrateElement(Object value, ModuleVersion target, int depth, int index) {
        try {
            return migrate(value, target, depth);
        } catch (Failure f) {
            throw f.under("[" + index + "]");
        }
    }

    /** Whether a value of version {@code v} must be converted for {@code target}: another version of its module. */
    static boolean isOtherVersion(ModuleVersion v, ModuleVersion target) {
        return v != target && v.name().equals(target.name());
    }

    /**
     * Whether a component declared with type {@code t} can never hold a value that migrates:
     * a primitive, or a final class that is neither a record, an array, an {@code Optional} nor
     * a container (String, a box, a shared enum, {@code Pid}).
     */
    static boolean isLeaf(Class<?> t) {
        return t.isPrimitive() || Modifier.isFinal(t.getModifiers()) && !t.isRecord() && !t.isArray()
                && t != Optional.class && !Collection.class.isAssignableFrom(t) && !Map.class.isAssignableFrom(t);
    }

    private static Shape classify(Class<?> c) {
        if (c.isArray()) {
            return c.getComponentType().isPrimitive() ? Opaque.INSTANCE : ArrayShape.INSTANCE;
        }
        Optional<ModuleVersion> version = ModuleVersion.of(c);
        if (version.isPresent()) {
            if (c.isRecord()) {
                return new ModuleRecord(c, version.get());
            }
            if (Enum.class.isAssignableFrom(c)) {
                // a constant with a body is an instance of a subclass of its enum
                return c.isEnum() ? new ModuleEnum(c, version.get()) : of(c.getSuperclass());
            }
            return new ModuleClass(c, version.get());
        }
        if (c.isRecord()) {
            return SharedRecord.of(c);
        }
        if (c == Optional.class) {
            return OptionalShape.INSTANCE;
        }
        if (Map.class.isAssignableFrom(c)) {
            return MapShape.of(c);
        }
        if (Collection.class.isAssignableFrom(c)) {
            return CollectionShape.of(c);
        }
        return Opaque.INSTANCE;
    }
}
