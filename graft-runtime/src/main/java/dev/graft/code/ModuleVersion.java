package dev.graft.code;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * One loaded version of a module: its classes in a class loader of their own. A module has
 * at most two: current and old (see {@link CodeServer}).
 */
public final class ModuleVersion {
    private final ModuleBinary binary;
    final ModuleLoader loader;
    /** The guard of this version's lambdas: they raise {@link BadFun} once it is purged. */
    final FunGuard funGuard;
    private volatile Class<?> moduleClass;

    ModuleVersion(ModuleBinary binary, ModuleLoader loader, ModuleSlot slot) {
        this.binary = binary;
        this.loader = loader;
        this.funGuard = new FunGuard(slot, binary);
        loader.version = this;
    }

    /** The module version a class belongs to, or empty for a class of no module (shared code). */
    public static Optional<ModuleVersion> of(Class<?> c) {
        return c.getClassLoader() instanceof ModuleLoader l ? Optional.of(l.version) : Optional.empty();
    }

    /** The code server that loaded this version. */
    public CodeServer server() {
        return loader.server;
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

    /**
     * The class of this version with the binary name {@code name} ({@code "kv.KV$State"}), or
     * empty if this version has no such class.
     */
    public Optional<Class<?>> findClass(String name) {
        if (!loader.owns(name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(name, false, loader));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
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
