package dev.graft.code;

import java.lang.invoke.SwitchPoint;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * One module name's place in the code server: its current and old versions, and the switch
 * point that guards every remote call linked to its current version.
 *
 * <p>Writes happen under the code server's lock, in the order current, then generation (see
 * {@link CodeServer}); {@link RemoteCallSite} reads generation, then current, without a lock,
 * so a site that sees a new generation also sees the version it belongs to.
 */
final class ModuleSlot {
    final String name;
    final ModuleRef ref = new ModuleRef(this);
    volatile ModuleVersion current;
    volatile ModuleVersion old;
    /** Invalidated when current changes; shared by the modules of one load batch. */
    volatile SwitchPoint generation = new SwitchPoint();
    /** Call sites linked to this module, to re-point those still bound to a purged version. */
    final CopyOnWriteArrayList<RemoteCallSite> sites = new CopyOnWriteArrayList<>();
    /**
     * Versions prepared so far (loaded or not); numbers a class loader name that would clash.
     * Written under the slot's monitor, read without it.
     */
    volatile int loads;

    ModuleSlot(String name) {
        this.name = name;
    }

    /** Whether the current or old version's class loader has this name. */
    boolean isLoaderName(String loaderName) {
        return find(v -> v.loaderName().equals(loaderName)) != null;
    }

    /** The current version if {@code test} accepts it, else the old one if it does, else null. */
    ModuleVersion find(Predicate<ModuleVersion> test) {
        ModuleVersion c = current;
        ModuleVersion o = old;
        return c != null && test.test(c) ? c : o != null && test.test(o) ? o : null;
    }
}
