package dev.graft.migrate;

import dev.graft.code.ModuleVersion;
import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * Arrays of references: elements are migrated, and an array whose element type is a type of
 * another version of the module becomes an array of the target's type, even when empty.
 */
enum ArrayShape implements Shape {
    INSTANCE;

    @Override
    public Object migrate(Object value, ModuleVersion target, int depth) {
        Object[] in = (Object[]) value;
        Class<?> elementType = in.getClass().getComponentType();
        Class<?> wanted = classIn(elementType, target);
        Object[] out = wanted == elementType ? null : (Object[]) Array.newInstance(wanted, in.length);
        for (int i = 0; i < in.length; i++) {
            Object now = Shapes.migrateElement(in[i], target, depth + 1, i);
            if (now != in[i] && out == null) {
                out = Arrays.copyOf(in, in.length);
            }
            if (out != null) {
                try {
                    out[i] = now;
                } catch (ArrayStoreException e) {
                    throw Failure.rebuilding(value, e).under("[" + i + "]");
                }
            }
        }
        return out == null ? value : out;
    }

    /** {@code c}, or its counterpart in {@code target} if it is a type (or an array of a type) of another version of the module. */
    private static Class<?> classIn(Class<?> c, ModuleVersion target) {
        if (c.isArray()) {
            Class<?> element = classIn(c.getComponentType(), target);
            return element == c.getComponentType() ? c : element.arrayType();
        }
        if (ModuleVersion.of(c).filter(v -> Shapes.isOtherVersion(v, target)).isEmpty()) {
            return c;
        }
        return target.findClass(c.getName()).orElseThrow(
                () -> new Failure(c.getName(), null, target + " has no class " + c.getName()));
    }
}
