package dev.graft.shell;

import java.util.List;

/** A source file did not compile; {@link #diagnostics()} holds the compiler's messages, {@code file:line:column: message}. */
public final class CompileException extends RuntimeException {
    private final transient List<String> diagnostics;

    public CompileException(String source, List<String> diagnostics) {
        super("compiling " + source + " failed:\n" + String.join("\n", diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<String> diagnostics() {
        return diagnostics;
    }
}
