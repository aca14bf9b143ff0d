package dev.graft.bench.code;

import dev.graft.behaviour.GenServer;
import dev.graft.code.CodeServer;
import dev.graft.code.ModuleBinary;
import dev.graft.process.Node;
import dev.graft.shell.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark modules (resources {@code bench-modules/vN/bench/*.java}), compiled once with
 * the shell's compiler into a temporary directory, and their bytes for {@code loadBinary}.
 */
public final class BenchModules {
    public static final String CALLEE = "bench.Callee";
    public static final String CALLER = "bench.Caller";
    public static final String COUNTER = "bench.Counter";

    private BenchModules() {}

    /**
     * Compiles version {@code v} of {@code files} (such as "Callee.java"), in order, into one
     * directory, so a later one may call an earlier one; returns their modules' classes.
     */
    public static List<ModuleBinary> compile(Node node, int v, String... files) {
        try {
            return compileInto(node, v, Files.createTempDirectory("graft-bench-v" + v), files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@link #compile(Node, int, String...)} into {@code dir}: the sources go to {@code dir/src},
     * the class files to {@code dir/classes} (an application's layout in a release), where earlier
     * ones may already be, and be called.
     */
    public static List<ModuleBinary> compileInto(Node node, int v, Path dir, String... files) {
        try {
            Shell shell = new Shell(CodeServer.of(node), dir.resolve("classes"));
            List<ModuleBinary> binaries = new ArrayList<>();
            for (String file : files) {
                Path src = dir.resolve("src/bench/" + file);
                Files.createDirectories(src.getParent());
                try (InputStream in = BenchModules.class.getResourceAsStream("/bench-modules/v" + v + "/bench/" + file)) {
                    Files.copy(in, src);
                }
                String module = shell.compile(src);
                binaries.add(ModuleBinary.of(module, classes(dir.resolve("classes"), module), ""));
            }
            CodeServer.of(node).codePath().remove(dir.resolve("classes"));
            return binaries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module's top-level class and its nested classes, by binary name, from a directory of class files. */
    private static Map<String, byte[]> classes(Path root, String module) throws IOException {
        Path top = root.resolve(module.replace('.', '/') + ".class");
        String pkg = module.substring(0, module.lastIndexOf('.') + 1);
        Map<String, byte[]> classes = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(top.getParent(), "*.class")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String cls = pkg + name.substring(0, name.length() - ".class".length());
                if (cls.equals(module) || cls.startsWith(module + "$")) {
                    classes.put(cls, Files.readAllBytes(f));
                }
            }
        }
        return classes;
    }

    /** {@link #compile(Node, int, String...)} of one file. */
    public static ModuleBinary compile(Node node, int v, String file) {
        return compile(node, v, new String[] {file}).getFirst();
    }

    /** Loads version 1 of {@code bench.Counter} and returns its module class, for {@link GenServer#start}. */
    @SuppressWarnings("unchecked")
    public static Class<? extends GenServer<?>> loadCounter(Node node) {
        ModuleBinary v1 = compile(node, 1, "Counter.java");
        return (Class<? extends GenServer<?>>) CodeServer.of(node).loadBinary(v1).orThrow().getFirst().moduleClass();
    }
}
