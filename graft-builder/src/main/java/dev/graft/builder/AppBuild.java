package dev.graft.builder;

import dev.graft.application.AppSpec;
import dev.graft.code.CodeLoadException;
import dev.graft.code.CodePath;
import dev.graft.code.ModuleBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One application of a build: its {@code .app} and its modules, each read from its class files
 * with the facts the builder needs. A module is a top-level class with its nested classes.
 *
 * @param modules by name, in name order
 */
record AppBuild(AppSpec spec, Map<String, ModuleBinary> modules, Map<String, ModuleFacts> facts) {

    AppBuild {
        modules = java.util.Collections.unmodifiableMap(new TreeMap<>(modules));
        facts = java.util.Collections.unmodifiableMap(new TreeMap<>(facts));
    }

    static AppBuild of(AppSpec spec, Map<String, ModuleBinary> modules) {
        Map<String, ModuleFacts> facts = new LinkedHashMap<>();
        modules.forEach((name, binary) -> facts.put(name, ModuleFacts.of(binary)));
        return new AppBuild(spec, modules, facts);
    }

    String name() {
        return spec.name();
    }

    String vsn() {
        return spec.vsn();
    }

    /**
     * The classes of a classes directory: the modules — each top-level class file with its
     * nested classes beside it ({@code module-info} and {@code package-info} are not modules) —
     * and the classes of the shared packages, which are not modules.
     *
     * @param shared the classes of the shared packages, by binary name
     */
    record Classes(Map<String, ModuleBinary> modules, Map<String, byte[]> shared) {}

    /** Reads a classes directory; a class in one of {@code sharedPackages} (or below one) is shared. */
    static Classes readClasses(Path classes, List<String> sharedPackages) throws BuildException {
        if (!Files.isDirectory(classes)) {
            throw new BuildException("the classes directory " + classes + " does not exist; compile the application first");
        }
        Map<String, Map<String, byte[]>> byModule = new TreeMap<>();
        Map<String, byte[]> shared = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String rel = classes.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                String binary = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
                String simple = binary.substring(binary.lastIndexOf('.') + 1);
                if (simple.equals("module-info") || simple.equals("package-info")) {
                    continue;
                }
                if (inPackages(binary, sharedPackages)) {
                    shared.put(binary, Files.readAllBytes(file));
                } else {
                    byModule.computeIfAbsent(ModuleFacts.topLevel(binary), m -> new LinkedHashMap<>())
                            .put(binary, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new BuildException("cannot read the classes under " + classes + ": " + e.getMessage(), e);
        }
        Map<String, ModuleBinary> modules = new TreeMap<>();
        for (Map.Entry<String, Map<String, byte[]>> m : byModule.entrySet()) {
            Path top = classes.resolve(m.getKey().replace('.', '/') + ".class");
            try {
                modules.put(m.getKey(), ModuleBinary.of(m.getKey(), m.getValue(), top.toString()));
            } catch (CodeLoadException e) {
                throw new BuildException(classes + ": " + e.getMessage(), e);
            }
        }
        return new Classes(modules, shared);
    }

    private static boolean inPackages(String binary, List<String> packages) {
        int dot = binary.lastIndexOf('.');
        String pkg = dot < 0 ? "" : binary.substring(0, dot);
        return packages.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
    }

    /** The modules the {@code .app} lists, from the application's {@code classes} directory of a built release. */
    static Map<String, ModuleBinary> readListed(AppSpec spec, Path classes) throws BuildException {
        Map<String, ModuleBinary> modules = new TreeMap<>();
        for (String m : spec.modules()) {
            try {
                modules.put(m, CodePath.read(classes, m).orElseThrow(() -> new BuildException(
                        "module " + m + " of application " + spec.name() + " " + spec.vsn() + " is not in " + classes)));
            } catch (CodeLoadException e) {
                throw new BuildException(classes + ": " + e.getMessage(), e);
            }
        }
        return modules;
    }

    /** Module names, for the {@code .app}. */
    static List<String> names(Map<String, ModuleBinary> modules) {
        return List.copyOf(new TreeMap<>(modules).keySet());
    }
}
