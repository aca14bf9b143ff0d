package dev.graft.migrate;

import dev.graft.code.ModuleVersion;

/**
 * A module's record in one version: a value becomes the counterpart record, each of the
 * counterpart's components filled from the same-named (or {@link Migration.From renamed})
 * component of this one, converted and if need be widened, or from its
 * {@link Migration.Default}.
 */
final class ModuleRecord extends ModuleType<ModuleRecord> {
    private final RecordType record;

    ModuleRecord(Class<?> type, ModuleVersion version) {
        super(type, version);
        try {
            this.record = RecordType.of(type);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("a module's record is in an unnamed module, open to Graft: " + type, e);
        }
    }

    @Override
    String kind() {
        return "a record";
    }

    /** By the counterpart's components: the index of this record's component that fills it, or -1 for its default. */
    @Override
    int[] mapTo(ModuleRecord to) {
        RecordType target = to.record;
        int[] from = new int[target.size()];
        for (int i = 0; i < from.length; i++) {
            from[i] = record.indexOf(target.sourceNames(i));
            if (from[i] < 0) {
                requireDefault(to, i);
            }
        }
        return from;
    }

    private void requireDefault(ModuleRecord to, int i) {
        String name = to.record.name(i);
        ComponentDefault d = to.record.defaultOf(i);
        if (d == null) {
            String tried = String.join(" nor ", to.record.sourceNames(i));
            throw new Failure(type.getName(), name, version + " has no component " + tried + " and " + to.version
                    + " declares no @Migration.Default for it").under("." + name);
        }
        if (d.problem() != null) {
            throw new Failure(type.getName(), name, to.version + " gives it no value: " + d.problem()).under("." + name);
        }
    }

    @Override
    Object convert(Object value, ModuleRecord to, int[] from, ModuleVersion target, int depth) {
        RecordType t = to.record;
        Object[] args = new Object[from.length];
        for (int i = 0; i < from.length; i++) {
            if (from[i] < 0) {
                args[i] = t.defaultOf(i).value();
                continue;
            }
            try {
                args[i] = fit(Shapes.migrate(record.get(value, from[i]), target, depth + 1), t, i, target);
            } catch (Failure f) {
                throw f.under("." + t.name(i));
            }
        }
        return t.construct(args);
    }

    /** {@code v} as a value of component {@code i} of {@code t}: itself, or widened. */
    private Object fit(Object v, RecordType t, int i, ModuleVersion target) {
        if (t.boxed(i).isInstance(v) || v == null && !t.type(i).isPrimitive()) {
            return v;
        }
        Object widened = v == null ? null : Widening.widen(v, t.boxed(i));
        if (widened == null) {
            throw new Failure(type.getName(), t.name(i), version + " has " + Failure.describe(v) + ", " + target
                    + " wants " + t.type(i).getTypeName());
        }
        return widened;
    }
}
