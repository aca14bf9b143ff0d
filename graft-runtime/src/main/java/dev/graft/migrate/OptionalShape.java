package dev.graft.migrate;

import dev.graft.code.ModuleVersion;
import java.util.Optional;

/** {@link Optional}: its content is migrated; path step {@code .get()}. */
enum OptionalShape implements Shape {
    INSTANCE;

    @Override
    public Object migrate(Object value, ModuleVersion target, int depth) {
        Optional<?> optional = (Optional<?>) value;
        if (optional.isEmpty()) {
            return optional;
        }
        Object old = optional.get();
        Object now;
        try {
            now = Shapes.migrate(old, target, depth + 1);
        } catch (Failure f) {
            throw f.under(".get()");
        }
        return now == old ? optional : Optional.of(now);
    }
}
