package dev.graft.code;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The bootstrap of every remote call in loaded modules: {@link ModuleRewriter} turns
 * {@code invokestatic Other.f} into {@code invokedynamic f} with this bootstrap and the module's
 * name, and the JVM calls it once per call instruction.
 */
public final class Linker {
    private Linker() {}

    /**
     * Links a remote call made by a module class to the current version of {@code module}.
     * Not for direct use.
     */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String function, MethodType type, String module) {
        if (!(caller.lookupClass().getClassLoader() instanceof ModuleLoader loader)) {
            throw new IllegalStateException("Linker.bootstrap links calls from loaded modules only, not from "
                    + caller.lookupClass().getName());
        }
        return loader.server.callSite(module, function, type);
    }
}
