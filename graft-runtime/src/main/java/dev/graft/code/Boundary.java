package dev.graft.code;

import java.util.List;
import java.util.function.Predicate;

/**
 * The module boundary (DESIGN decision 2), as the loader checks it: a module reaches another
 * only by calling its public static methods, with types every version shares. For tools that
 * check a build before any node loads it, such as the release builder.
 */
public final class Boundary {
    private Boundary() {}

    /**
     * Every place the module names another module's class — a field, a signature, {@code new},
     * a cast, {@code instanceof}, a class literal, an instance call, a method reference, a
     * catch, a supertype — each naming the class, the member and the reference; empty if none.
     *
     * @param isModule whether a top-level class name is a module (other than this one)
     */
    public static List<String> violations(ModuleBinary module, Predicate<String> isModule) {
        return ModuleRewriter.violations(module, isModule);
    }

    /** The violations as the loader reports them, with the rule and the fix. */
    public static String describe(List<String> violations) {
        return String.join("; ", violations) + ". Modules may exchange only shared types (the JDK's, libraries', "
                + "Graft's and the application's shared packages) and reach each other only by calling public "
                + "static methods: move the class to a shared package, or pass a record of shared types";
    }
}
