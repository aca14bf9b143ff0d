package dev.graft.migrate;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * A record class seen through method handles: its components' names and types, their
 * accessors and its canonical constructor, and what the components declare for migration
 * ({@link Migration.From}, {@link Migration.Default}). Built once per class; immutable and
 * thread-safe. Refers to no class but its own (and the JDK's).
 */
final class RecordType {
    private static final MethodType ACCESSOR = MethodType.methodType(Object.class, Object.class);

    private final Class<?> type;
    private final String[] names;
    private final Class<?>[] types;
    /** {@link #types} boxed: what a component's value must be an instance of. */
    private final Class<?>[] boxed;
    /** Per component: the names it is looked up by in another version, its @From names first. */
    private final String[][] sourceNames;
    /** Per component: its parsed @Default, or null. */
    private final ComponentDefault[] defaults;
    /** Per component, {@code (Object)Object}. */
    private final MethodHandle[] accessors;
    /** {@code (Object[])Object}: the canonical constructor, its arguments spread from an array. */
    private final MethodHandle constructor;

    private RecordType(Class<?> type, RecordComponent[] components, MethodHandle[] accessors, MethodHandle constructor) {
        this.type = type;
        this.names = Stream.of(components).map(RecordComponent::getName).toArray(String[]::new);
        this.types = Stream.of(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        this.boxed = Stream.of(types).map(t -> MethodType.methodType(t).wrap().returnType()).toArray(Class<?>[]::new);
        this.sourceNames = Stream.of(components).map(RecordType::sourceNames).toArray(String[][]::new);
        this.defaults = Stream.of(components).map(ComponentDefault::of).toArray(ComponentDefault[]::new);
        this.accessors = accessors;
        this.constructor = constructor;
    }

    /**
     * Opens a record class.
     *
     * @throws IllegalAccessException if its package is not open to Graft (a record of a named
     *                                module that does not open it)
     */
    static RecordType of(Class<?> type) throws IllegalAccessException {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
        RecordComponent[] components = type.getRecordComponents();
        MethodHandle[] accessors = new MethodHandle[components.length];
        for (int i = 0; i < components.length; i++) {
            accessors[i] = lookup.unreflect(components[i].getAccessor()).asType(ACCESSOR);
        }
        Class<?>[] params = Stream.of(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        MethodHandle constructor;
        try {
            constructor = lookup.findConstructor(type, MethodType.methodType(void.class, params));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the record " + type.getName() + " has no canonical constructor", e);
        }
        constructor = constructor.asType(MethodType.genericMethodType(params.length))
                .asSpreader(Object[].class, params.length);
        return new RecordType(type, components, accessors, constructor);
    }

    private static String[] sourceNames(RecordComponent c) {
        Migration.From from = c.getAnnotation(Migration.From.class);
        String[] former = from == null ? new String[0] : from.value();
        String[] all = Arrays.copyOf(former, former.length + 1);
        all[former.length] = c.getName();
        return all;
    }

    int size() {
        return names.length;
    }

    String name(int i) {
        return names[i];
    }

    Class<?> type(int i) {
        return types[i];
    }

    Class<?> boxed(int i) {
        return boxed[i];
    }

    /** The names component {@code i} may have had in another version, its own last. */
    String[] sourceNames(int i) {
        return sourceNames[i];
    }

    /** Component {@code i}'s {@link Migration.Default}, or null. */
    ComponentDefault defaultOf(int i) {
        return defaults[i];
    }

    /** The index of the first of {@code candidates} that names a component, or -1. */
    int indexOf(String[] candidates) {
        for (String candidate : candidates) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(candidate)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Component {@code i} of {@code record}. */
    Object get(Object record, int i) {
        try {
            return (Object) accessors[i].invokeExact(record);
        } catch (RuntimeException e) {
            throw new Failure(type.getName(), names[i], "its accessor threw " + e);
        } catch (Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("a record accessor cannot throw a checked exception", t);
        }
    }

    /** A new record of this type made of {@code args}, one per component, by the canonical constructor. */
    Object construct(Object[] args) {
        try {
            return (Object) constructor.invokeExact(args);
        } catch (RuntimeException e) {
            throw new Failure(type.getName(), null, "its canonical constructor refused the converted components: " + e);
        } catch (Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("a canonical constructor cannot throw a checked exception", t);
        }
    }
}
