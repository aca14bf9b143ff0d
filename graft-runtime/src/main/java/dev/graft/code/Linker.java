package dev.graft.code;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The bootstraps of the call sites the loader writes into modules: {@link ModuleRewriter} turns
 * {@code invokestatic Other.f} into {@code invokedynamic f} with {@link #bootstrap} and the
 * module's name, and {@link LambdaGuards} starts every lambda of a module with
 * {@code invokedynamic fun} with {@link #fun}. The JVM calls a bootstrap once per call
 * instruction. Not for direct use.
 */
public final class Linker {
    private Linker() {}

    /** Links a remote call made by a module class to the current version of {@code module}. */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String function, MethodType type, String module) {
        return loaderOf(caller).server.callSite(module, function, type);
    }

    /** Links the guard of a lambda of a module class to its version's {@link FunGuard}. */
    public static CallSite fun(MethodHandles.Lookup caller, String name, MethodType type) {
        return loaderOf(caller).version.funGuard;
    }

    private static ModuleLoader loaderOf(MethodHandles.Lookup caller) {
        if (!(caller.lookupClass().getClassLoader() instanceof ModuleLoader loader)) {
            throw new IllegalStateException("Linker links calls from loaded modules only, not from "
                    + caller.lookupClass().getName());
        }
        return loader;
    }
}
