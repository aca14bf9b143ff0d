package dev.graft.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The examples' module sources, kept as resources under {@code modules/NAME/vN/}: each
 * example copies a version into its working source tree, as a person would edit the file,
 * and compiles it with the shell's {@code c}/{@code r}.
 */
final class ModuleSources {
    private ModuleSources() {}

    /**
     * Writes version {@code version} of {@code file} (a path such as {@code hello/HelloWorld.java})
     * of example {@code example} into {@code sourceRoot}; returns the written file.
     */
    static Path install(String example, int version, String file, Path sourceRoot) {
        String resource = "/modules/" + example + "/v" + version + "/" + file;
        Path target = sourceRoot.resolve(file);
        try (InputStream in = ModuleSources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing example source " + resource);
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
