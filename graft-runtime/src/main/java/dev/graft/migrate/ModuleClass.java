package dev.graft.migrate;

import dev.graft.code.ModuleVersion;

/**
 * The shape of a module's class that is neither a record nor an enum (a plain class, a lambda):
 * its values stay in their version; migrating one to another version is an error.
 */
record ModuleClass(Class<?> type, ModuleVersion version) implements Shape {
    @Override
    public Object migrate(Object value, ModuleVersion target, int depth) {
        if (!Shapes.isOtherVersion(version, target)) {
            return value;
        }
        throw new Failure(type.getName(), null, "it is a class of " + version
                + " that is neither a record nor an enum, and only records and enums move between versions;"
                + " convert it in codeChange");
    }
}
