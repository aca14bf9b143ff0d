package dev.graft.migrate;

import dev.graft.code.ModuleVersion;

/**
 * The shape of classes whose values migration returns as they are: the JDK's and shared code's
 * classes that are neither containers nor records that can hold module values, and other
 * modules' classes.
 */
enum Opaque implements Shape {
    INSTANCE;

    @Override
    public Object migrate(Object value, ModuleVersion target, int depth) {
        return value;
    }
}
