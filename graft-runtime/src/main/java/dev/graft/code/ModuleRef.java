package dev.graft.code;

import java.util.Optional;

/**
 * A module name's entry in the code server, for code that calls the module's current version
 * at every use: a behaviour loop calling its callback module, Erlang's {@code Mod:handle_call}.
 * Reading the current version is one volatile read. Holding a ref does not hold any version, so
 * a purged version can be collected while its ref lives on.
 */
public final class ModuleRef {
    private final ModuleSlot slot;

    ModuleRef(ModuleSlot slot) {
        this.slot = slot;
    }

    public String name() {
        return slot.name;
    }

    /** The current version, or null when the module is not loaded (never loaded, or deleted). */
    public ModuleVersion current() {
        return slot.current;
    }

    /**
     * Whether more than one version of the module has ever been prepared in this node: until
     * then, no value anywhere can belong to a version other than the current one, and there is
     * nothing to migrate.
     */
    public boolean hasHadOtherVersions() {
        return slot.loads > 1;
    }

    /** The old version, if any. */
    public Optional<ModuleVersion> old() {
        return Optional.ofNullable(slot.old);
    }

    @Override
    public String toString() {
        return "ModuleRef[" + slot.name + "]";
    }
}
