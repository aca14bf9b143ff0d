package dev.graft.migrate;

import java.util.Optional;

/**
 * A value could not be migrated to another version of its module: the rules of
 * {@link Migration} do not map it, and the module's {@code codeChange} must convert it.
 * Nothing was changed: the value given to {@link Migration#migrate} is still whole and usable.
 *
 * <p>The message names the type, its component and where the value sits, then why:
 * <pre>
 * cannot migrate kv.KV$State.count (at state.entries[3].count): kv.KV@1 has String "x", kv.KV@2 wants int
 * </pre>
 */
public final class MigrationException extends RuntimeException {
    private final String typeName;
    private final String component;
    private final String path;

    MigrationException(String typeName, String component, String path, String detail) {
        super("cannot migrate " + typeName + (component == null ? "" : "." + component) + " (at " + path + "): "
                + detail);
        this.typeName = typeName;
        this.component = component;
        this.path = path;
    }

    /** The binary name of the type that could not be migrated: a record, an enum, a class or a container. */
    public String typeName() {
        return typeName;
    }

    /**
     * The record component or enum constant of {@link #typeName()} that could not be mapped, or
     * empty when the whole value was refused (a class that is neither a record nor an enum, a
     * type the new version lacks).
     */
    public Optional<String> component() {
        return Optional.ofNullable(component);
    }

    /**
     * Where the value sits in the value migrated, Java-like: {@code state.entries[3].count},
     * {@code state.byName["bob"]}, {@code state.best.get()}. Components are named as the new
     * version names them.
     */
    public String path() {
        return path;
    }
}
