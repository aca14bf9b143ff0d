package dev.graft.code;

import java.util.List;
import java.util.stream.Collectors;

/** A load was refused; {@link #failures()} says which modules and why. Nothing was loaded. */
public final class CodeLoadException extends RuntimeException {
    private final transient List<ModuleFailure> failures;

    public CodeLoadException(List<ModuleFailure> failures) {
        super(failures.stream().map(ModuleFailure::describe).collect(Collectors.joining("\n")));
        this.failures = List.copyOf(failures);
    }

    public List<ModuleFailure> failures() {
        return failures;
    }
}
