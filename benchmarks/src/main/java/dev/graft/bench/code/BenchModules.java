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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark modules (resources {@code bench-modules/vN/bench/*.java}), compiled once with
 * the shell's compiler into a temporary directory, and their bytes for {@code loadBinary}.
 */
final class BenchModules {
    static final String CALLEE = "bench.Callee";
    static final String CALLER = "bench.Caller";

    private BenchModules() {}

    /**
     * Compiles version {@code v} of {@code files} (such as "Callee.java"), in order, into one
     * directory, so a later one may call an earlier one; returns their modules' classes.
     */
    static List<ModuleBinary> compile(Node node, int v, String... files) {
        try {
            Path dir = Files.createTempDirectory("graft-bench-v" + v);
            Shell shell = new Shell(CodeServer.of(node), dir.resolve("classes"));
            List<ModuleBinary> binaries = new ArrayList<>();
            for (String file : files) {
                Path src = dir.resolve("src/bench/" + file);
                Files.createDirectories(src.getParent());
                try (InputStream in = BenchModules.class.getResourceAsStream("/bench-modules/v" + v + "/bench/" + file)) {
                    Files.copy(in, src);
                }
                String module = shell.compile(src);
                Path cls = dir.resolve("classes/" + module.replace('.', '/') + ".class");
                binaries.add(ModuleBinary.of(module, Map.of(module, Files.readAllBytes(cls)), ""));
            }
            CodeServer.of(node).codePath().remove(dir.resolve("classes"));
            return binaries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #compile(Node, int, String...)} of one file. */
    static ModuleBinary compile(Node node, int v, String file) {
        return compile(node, v, new String[] {file}).getFirst();
    }
}
