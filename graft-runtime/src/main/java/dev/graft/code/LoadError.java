package dev.graft.code;

import java.util.Locale;

/**
 * Why a module was not loaded: the reasons of Erlang's code server, plus the module boundary.
 * {@link #atom()} is the name Erlang gives the reason.
 */
public enum LoadError {
    /** No module of that name on the code path, or no such file. */
    NOFILE,
    /** Not a module: unreadable bytecode, a class that fails verification, or a name that differs from the one asked for. */
    BADFILE,
    /** The module has old code that must be purged before another version can be loaded. */
    NOT_PURGED,
    /** The module is sticky (Graft's own runtime) and cannot be reloaded. */
    STICKY_DIRECTORY,
    /** The module's static initialiser failed; the previous version stays current. */
    ON_LOAD_FAILURE,
    /** An atomic load names the module more than once. */
    DUPLICATED,
    /** The module names another module's classes (DESIGN decision 2). */
    BOUNDARY_VIOLATION;

    /** Erlang's name for this reason, such as {@code not_purged}. */
    public String atom() {
        return name().toLowerCase(Locale.ROOT);
    }
}
