package dev.graft.code;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * One loaded version of a module: its classes in a class loader of their own. A module has
 * at most two: current and old (see {@link CodeServer}).
 */
public final class ModuleVersion {
    private final ModuleBinary binary;
    final ModuleLoader loader;
    private volatile Class<?> moduleClass;

    ModuleVersion(ModuleBinary binary, ModuleLoader loader) {
        this.binary = binary;
        this.loader = loader;
    }

    public String name() {
        return binary.name();
    }

    public String vsn() {
        return binary.vsn();
    }

    public String md5() {
        return binary.md5();
    }

    /** Where it was loaded from, or "" for code made in memory. */
    public String origin() {
        return binary.origin();
    }

    /** The name of its class loader, as stack frames show it: {@code module@vsn}. */
    public String loaderName() {
        return loader.getName();
    }

    /** The module's top-level class in this version. */
    public Class<?> moduleClass() {
        Class<?> c = moduleClass;
        if (c == null) {
            try {
                c = Class.forName(binary.name(), false, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("module " + this + " lost its own class", e);
            }
            moduleClass = c;
        }
        return c;
    }

    /** The public static method {@code name} of this type in this version, or null. */
    MethodHandle function(String name, MethodType type) {
        try {
            return MethodHandles.publicLookup().findStatic(moduleClass(), name, type);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return binary.name() + "@" + binary.vsn();
    }
}
