package dev.graft.shell;

import dev.graft.code.CodeServer;
import dev.graft.code.LoadResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The console's code helpers, Erlang's {@code c/1}, {@code l/1} and iex's {@code r/1}: compile a
 * module's source with the JDK's compiler, in process, into an output directory on the code
 * path, then purge the module's old code and load the new version. Like Erlang's helpers they
 * purge first, so the processes still running the oldest version are killed.
 *
 * <p>Sources are compiled against the JVM's class path (Graft and the application's shared
 * classes) and the code path (other modules). Thread-safe; compilations are serialised.
 */
public final class Shell {
    private final CodeServer code;
    private final Path output;
    private final Map<String, Path> sources = new ConcurrentHashMap<>();

    /**
     * @param code   the code server to load into
     * @param output where compiled classes go; it is put first on the code path
     */
    public Shell(CodeServer code, Path output) {
        this.code = code;
        this.output = output.toAbsolutePath();
        try {
            Files.createDirectories(this.output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + output, e);
        }
        code.codePath().addFirst(this.output);
    }

    /**
     * Compiles {@code source} and loads the module it defines: {@code c(File)}.
     *
     * @throws CompileException if it does not compile (nothing is loaded)
     */
    public LoadResult c(Path source) {
        String module = compile(source);
        return l(module);
    }

    /** Recompiles a module from the source it was last compiled from, and loads it: {@code r(Module)}. */
    public LoadResult r(String module) {
        Path source = sources.get(module);
        if (source == null) {
            throw new IllegalArgumentException("r(" + module + "): this shell never compiled " + module
                    + "; compile it once with c(path)");
        }
        return c(source);
    }

    /** Purges the module's old code and loads it from the code path: {@code l(Module)}. */
    public LoadResult l(String module) {
        code.purge(module);
        return code.load(module);
    }

    /** The code server this shell loads into. */
    public CodeServer code() {
        return code;
    }

    /** The source a module was last compiled from by this shell. */
    public Optional<Path> sourceOf(String module) {
        return Optional.ofNullable(sources.get(module));
    }

    /** Compiles one source file into the output directory; returns the module it defines. */
    public synchronized String compile(Path source) {
        String module = moduleOf(source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler: run Graft on a JDK, not a JRE");
        }
        deleteClasses(module);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-d", output.toString(), "-classpath", classPath(), "-proc:none",
                    "-implicit:none", "-g", "-parameters");
            boolean ok = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjects(source.toFile())).call();
            if (!ok) {
                throw new CompileException(source.toString(), diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> (d.getSource() == null ? source.toString() : d.getSource().getName()) + ":"
                                + d.getLineNumber() + ":" + d.getColumnNumber() + ": " + d.getMessage(Locale.ROOT))
                        .toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sources.put(module, source.toAbsolutePath());
        return module;
    }

    private String classPath() {
        List<String> entries = new ArrayList<>();
        entries.add(output.toString());
        for (Path p : code.codePath().entries()) {
            entries.add(p.toString());
        }
        entries.add(System.getProperty("java.class.path"));
        return String.join(File.pathSeparator, entries);
    }

    /** A module's name from its source: the package declared in it and the file's name. */
    static String moduleOf(Path source) {
        String file = source.getFileName().toString();
        if (!file.endsWith(".java")) {
            throw new IllegalArgumentException("c(" + source + "): a module's source is a .java file");
        }
        String simple = file.substring(0, file.length() - ".java".length());
        String text;
        try {
            text = Files.readString(source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        var m = java.util.regex.Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;").matcher(text);
        return m.find() ? m.group(1) + "." + simple : simple;
    }

    /** Removes the module's class files from the output, so a nested class that is gone does not linger. */
    private void deleteClasses(String module) {
        Path dir = output.resolve(module.replace('.', '/')).getParent();
        String simple = module.substring(module.lastIndexOf('.') + 1);
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, simple + "{.class,$*.class}")) {
            for (Path p : old) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear old classes of " + module + " in " + dir, e);
        }
    }
}
