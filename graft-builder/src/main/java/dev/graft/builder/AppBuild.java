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
     * The modules of a classes directory: each top-level class file with its nested classes
     * beside it ({@code module-info} and {@code package-info} are not modules).
     */
    static Map<String, ModuleBinary> readClasses(Path classes) throws BuildException {
        if (!Files.isDirectory(classes)) {
            throw new BuildException("the classes directory " + classes + " does not exist; compile the application first");
        }
        Map<String, Map<String, byte[]>> byModule = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String rel = classes.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                String binary = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
                String simple = binary.substring(binary.lastIndexOf('.') + 1);
                if (simple.equals("module-info") || simple.equals("package-info")) {
                    continue;
                }
                byModule.computeIfAbsent(ModuleFacts.topLevel(binary), m -> new LinkedHashMap<>())
                        .put(binary, Files.readAllBytes(file));
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
        return modules;
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
