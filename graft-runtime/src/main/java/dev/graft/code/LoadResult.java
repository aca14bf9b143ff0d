package dev.graft.code;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a load returns: Erlang's {@code {module, M}} or {@code {error, Reason}} (and, for an
 * atomic load, {@code ok} or {@code {error, [{M, Reason}]}}). A refused load changed nothing.
 */
public sealed interface LoadResult {

    /** The versions that became current. */
    record Loaded(List<ModuleVersion> versions) implements LoadResult {
        public Loaded {
            versions = List.copyOf(versions);
        }

        /** The one version a single-module load made current. */
        public ModuleVersion version() {
            return versions.getFirst();
        }
    }

    /** Every module that could not be loaded, and why; nothing was loaded. */
    record Refused(List<ModuleFailure> failures) implements LoadResult {
        public Refused {
            failures = List.copyOf(failures);
        }

        public String describe() {
            return failures.stream().map(ModuleFailure::describe).collect(Collectors.joining("\n"));
        }
    }

    default boolean isLoaded() {
        return this instanceof Loaded;
    }

    /** Every failure of a refused load; empty for a load that succeeded. */
    default List<ModuleFailure> failures() {
        return this instanceof Refused r ? r.failures() : List.of();
    }

    /** The loaded versions, or a {@link CodeLoadException} with every failure. */
    default List<ModuleVersion> orThrow() {
        return switch (this) {
            case Loaded l -> l.versions();
            case Refused r -> throw new CodeLoadException(r.failures());
        };
    }
}
