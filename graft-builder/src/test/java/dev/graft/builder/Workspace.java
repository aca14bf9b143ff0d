package dev.graft.builder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A directory where tests write applications as a developer has them — Java sources compiled
 * with the JDK's compiler into a classes directory, an {@code .app.src} — and run the builder's
 * command on them.
 */
final class Workspace {
    final Path dir;

    Workspace(Path dir) {
        this.dir = dir;
    }

    /** Compiles the sources (class name to source) into {@code name/classes}, against the test's class path plus {@code extra}. */
    Path compile(String name, Map<String, String> sources, Path... extra) throws IOException {
        Path src = dir.resolve(name).resolve("src");
        Path classes = dir.resolve(name).resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-proc:none", "-classpath",
                System.getProperty("java.class.path") + String.join("", java.util.Arrays.stream(extra)
                        .map(p -> java.io.File.pathSeparator + p).toList())));
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("javac failed: " + errors.toString(StandardCharsets.UTF_8));
        }
        return classes;
    }

    Path write(String file, String text) throws IOException {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    /** What {@code graft build ARGS} printed and returned. */
    record Run(int status, String out, String err) {}

    static Run build(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BuildCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
