package dev.graft.migrate;

import dev.graft.code.ModuleVersion;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.stream.Stream;

/**
 * Makes and reads module values by reflection, as code outside a module must: it cannot name a
 * module's classes. Types are named by their simple name inside the module: {@code "Item"} is
 * {@code mig.Shop$Item}.
 */
final class Values {
    private Values() {}

    /** The class {@code name} nested in version {@code v} of its module. */
    static Class<?> type(ModuleVersion v, String name) {
        return v.findClass(v.name() + "$" + name).orElseThrow();
    }

    /** A record of version {@code v}, made by its canonical constructor. */
    static Object record(ModuleVersion v, String name, Object... components) {
        Class<?> c = type(v, name);
        Class<?>[] types = Stream.of(c.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return c.getDeclaredConstructor(types).newInstance(components);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot make " + c.getName(), e);
        }
    }

    /** The constant {@code constant} of the enum {@code name} of version {@code v}. */
    static Object constant(ModuleVersion v, String name, String constant) {
        for (Object c : type(v, name).getEnumConstants()) {
            if (((Enum<?>) c).name().equals(constant)) {
                return c;
            }
        }
        throw new AssertionError(v + " has no constant " + name + "." + constant);
    }

    /** Component {@code name} of a record. */
    static Object component(Object record, String name) {
        for (RecordComponent rc : record.getClass().getRecordComponents()) {
            if (rc.getName().equals(name)) {
                try {
                    return rc.getAccessor().invoke(record);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new AssertionError("cannot read " + name + " of " + record, e);
                }
            }
        }
        throw new AssertionError(record.getClass().getName() + " has no component " + name);
    }

    /** Calls the public static function {@code name} of version {@code v}, with no arguments. */
    static Object call(ModuleVersion v, String name) {
        try {
            return v.moduleClass().getMethod(name).invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot call " + v + "." + name, e);
        }
    }
}
