package dev.graft.code;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Where modules are found: an ordered list of class directories and jars, Erlang's code path.
 * A module {@code p.Name} is the file {@code p/Name.class} with its nested classes
 * {@code p/Name$*.class} beside it, in the first entry that has it.
 *
 * <p>Thread-safe: the list is copy-on-write; each lookup reads the files as they are then.
 */
public final class CodePath {
    private final CopyOnWriteArrayList<Path> entries = new CopyOnWriteArrayList<>();

    /** Adds a directory or jar at the end, if not already there. */
    public void add(Path entry) {
        entries.addIfAbsent(entry.toAbsolutePath().normalize());
    }

    /** Adds a directory or jar at the front, so its modules win over the others'. */
    public void addFirst(Path entry) {
        Path p = entry.toAbsolutePath().normalize();
        entries.remove(p);
        entries.addFirst(p);
    }

    public boolean remove(Path entry) {
        return entries.remove(entry.toAbsolutePath().normalize());
    }

    public List<Path> entries() {
        return List.copyOf(entries);
    }

    /** Whether some entry holds a top-level class of this binary name. */
    boolean contains(String module) {
        String file = module.replace('.', '/') + ".class";
        for (Path e : entries) {
            if (Files.isDirectory(e) ? Files.isRegularFile(e.resolve(file)) : jarHas(e, file)) {
                return true;
            }
        }
        return false;
    }

    /** The module's classes from one code path entry (a class directory or a jar), or empty. */
    public static Optional<ModuleBinary> read(Path entry, String module) {
        return Files.isDirectory(entry) ? fromDirectory(entry, module) : fromJar(entry, module);
    }

    /** The module's classes from the first entry that has it, or empty. */
    Optional<ModuleBinary> find(String module) {
        for (Path e : entries) {
            Optional<ModuleBinary> found = read(e, module);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Where the module's top-level class file is on the path, if anywhere. */
    Optional<Path> locate(String module) {
        String file = module.replace('.', '/') + ".class";
        for (Path e : entries) {
            if (Files.isDirectory(e) ? Files.isRegularFile(e.resolve(file)) : jarHas(e, file)) {
                return Optional.of(Files.isDirectory(e) ? e.resolve(file) : e);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a module from the class file of its top-level class and the nested class files
     * beside it: Erlang's {@code load_abs}.
     */
    static Optional<ModuleBinary> fromClassFile(Path classFile, String module) {
        Path dir = classFile.toAbsolutePath().getParent();
        String simple = module.substring(module.lastIndexOf('.') + 1);
        if (!Files.isRegularFile(classFile)) {
            return Optional.empty();
        }
        Map<String, byte[]> classes = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, simple + "$*.class")) {
            classes.put(module, Files.readAllBytes(classFile));
            String pkg = module.contains(".") ? module.substring(0, module.lastIndexOf('.') + 1) : "";
            for (Path f : files) {
                String fileName = f.getFileName().toString();
                classes.put(pkg + fileName.substring(0, fileName.length() - ".class".length()), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading module " + module + " from " + classFile, e);
        }
        return Optional.of(ModuleBinary.of(module, classes, classFile.toString()));
    }

    private static Optional<ModuleBinary> fromDirectory(Path dir, String module) {
        return fromClassFile(dir.resolve(module.replace('.', '/') + ".class"), module);
    }

    private static boolean jarHas(Path jar, String entry) {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getJarEntry(entry) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<ModuleBinary> fromJar(Path jar, String module) {
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        String base = module.replace('.', '/');
        try (JarFile j = new JarFile(jar.toFile())) {
            if (j.getJarEntry(base + ".class") == null) {
                return Optional.empty();
            }
            Map<String, byte[]> classes = new HashMap<>();
            for (JarEntry e : Collections.list(j.entries())) {
                String n = e.getName();
                if (n.equals(base + ".class") || (n.startsWith(base + "$") && n.endsWith(".class"))) {
                    try (var in = j.getInputStream(e)) {
                        classes.put(n.substring(0, n.length() - ".class".length()).replace('/', '.'), in.readAllBytes());
                    }
                }
            }
            return Optional.of(ModuleBinary.of(module, classes, jar + "!/" + base + ".class"));
        } catch (IOException e) {
            throw new UncheckedIOException("reading module " + module + " from " + jar, e);
        }
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
