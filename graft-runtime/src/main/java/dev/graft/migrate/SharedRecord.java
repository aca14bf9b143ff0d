package dev.graft.migrate;

import dev.graft.code.ModuleVersion;
import java.util.stream.Stream;

/**
 * A record of shared code (the JDK's, a library's, Graft's or the application's shared
 * packages) whose components may hold module values: made anew by its canonical constructor
 * when a component changed.
 */
record SharedRecord(RecordType record) implements Shape {
    /**
     * The shape of the shared record class {@code c}: {@link Opaque} if no component can hold a
     * value that migrates, or if {@code c} is not open to Graft (it cannot be looked into).
     */
    static Shape of(Class<?> c) {
        if (Stream.of(c.getRecordComponents()).allMatch(rc -> Shapes.isLeaf(rc.getType()))) {
            return Opaque.INSTANCE;
        }
        try {
            return new SharedRecord(RecordType.of(c));
        } catch (IllegalAccessException e) {
            return Opaque.INSTANCE;
        }
    }

    @Override
    public Object migrate(Object value, ModuleVersion target, int depth) {
        Object[] args = null; // made at the first component that changes
        for (int i = 0; i < record.size(); i++) {
            Object old = record.get(value, i);
            Object now = Shapes.migrateComponent(old, target, depth + 1, record.name(i));
            if (now != old && args == null) {
                args = new Object[record.size()];
                for (int j = 0; j < i; j++) {
                    args[j] = record.get(value, j);
                }
            }
            if (args != null) {
                args[i] = now;
            }
        }
        return args == null ? value : record.construct(args);
    }
}
