package dev.graft.migrate;

import dev.graft.code.ModuleVersion;

// TEMPORARY: replaced by the migrate branch.
public final class Migration {
    public static Object migrate(Object value, ModuleVersion target) {
        return value;
    }
}
