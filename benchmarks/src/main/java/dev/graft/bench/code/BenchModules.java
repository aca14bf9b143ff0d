package dev.graft.bench.code;

import dev.graft.code.CodeServer;
import dev.graft.code.ModuleBinary;
import dev.graft.process.Node;
import dev.graft.shell.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The benchmark modules (resources {@code bench-modules/vN/bench/*.java}), compiled once with
 * the shell's compiler into a temporary directory, and their bytes for {@code loadBinary}.
 */
final class BenchModules {
    static final String CALLEE = "bench.Callee";
    static final String CALLER = "bench.Caller";

    private BenchModules() {}

    /** Compiles version {@code v} of {@code file} (e.g. "Callee.java") and returns the module's classes. */
    static ModuleBinary compile(Node node, int v, String file) {
        try {
            Path dir = Files.createTempDirectory("graft-bench-v" + v);
            Path src = dir.resolve("src/bench/" + file);
            Files.createDirectories(src.getParent());
            try (InputStream in = BenchModules.class.getResourceAsStream("/bench-modules/v" + v + "/bench/" + file)) {
                Files.copy(in, src);
            }
            Shell shell = new Shell(CodeServer.of(node), dir.resolve("classes"));
            String module = shell.compile(src);
            Path cls = dir.resolve("classes/" + module.replace('.', '/') + ".class");
            ModuleBinary b = ModuleBinary.of(module, Map.of(module, Files.readAllBytes(cls)), "");
            CodeServer.of(node).codePath().remove(dir.resolve("classes"));
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
