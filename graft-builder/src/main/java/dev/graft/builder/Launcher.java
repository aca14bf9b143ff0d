package dev.graft.builder;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The node's side of a release directory: {@code bin/graft}, a POSIX sh script that finds a
 * JDK 25 and runs Graft's command on the release root, and {@code lib/graft/}, the node's class
 * path: Graft's runtime, its command ({@code graft-cli}, when the builder runs with it) and the
 * applications' dependency jars. These are loaded once when the node starts, so they are shared
 * by every version of every module and are not upgraded live.
 */
final class Launcher {
    static final String RUNTIME_CLASS = "dev.graft.release.ReleaseHandler";
    static final String CLI_CLASS = "dev.graft.cli.Graft";

    static final String SCRIPT = """
            #!/bin/sh
            # Graft's command for this release root: graft start, stop, upgrade VSN, ... (graft --help).
            # Finds a JDK 25 or later: JAVA_HOME if set, else java on PATH.
            set -e
            ROOT=$(cd "$(dirname "$0")/.." && pwd)
            if [ -n "$JAVA_HOME" ]; then
              JAVA="$JAVA_HOME/bin/java"
              if [ ! -x "$JAVA" ]; then
                echo "graft: JAVA_HOME is $JAVA_HOME, which has no bin/java; point it at a JDK 25" >&2
                exit 1
              fi
            elif command -v java >/dev/null 2>&1; then
              JAVA=$(command -v java)
            else
              echo "graft: no Java found; set JAVA_HOME to a JDK 25, or put its java on PATH" >&2
              exit 1
            fi
            VERSION=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
            case "$VERSION" in
              [0-9]|1[0-9]|2[0-4]|1.*|'')
                echo "graft: $JAVA is Java ${VERSION:-of an unknown version}; Graft needs Java 25 or later (set JAVA_HOME)" >&2
                exit 1 ;;
            esac
            exec "$JAVA" -cp "$ROOT/lib/graft/*" dev.graft.cli.Graft --root "$ROOT" "$@"
            """;

    private Launcher() {}

    /**
     * Writes {@code bin/graft} and fills {@code lib/graft/} afresh with Graft's jars, {@code libs},
     * and a jar of each application's shared classes ({@code shared}: a jar name and its classes).
     */
    static void write(Path root, List<Path> libs, Map<String, Map<String, byte[]>> shared) throws IOException, BuildException {
        Path bin = root.resolve("bin/graft");
        Files.createDirectories(bin.getParent());
        Files.writeString(bin, SCRIPT);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path lib = root.resolve("lib/graft");
        if (Files.isDirectory(lib)) {
            ReleaseBuild.deleteTree(lib);
        }
        Files.createDirectories(lib);
        graftJar(RUNTIME_CLASS, "graft-runtime", lib);
        graftJar(CLI_CLASS, "graft-cli", lib);
        for (Path jar : libs) {
            Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        for (Map.Entry<String, Map<String, byte[]>> jar : shared.entrySet()) {
            writeJar(lib.resolve(jar.getKey()), jar.getValue());
        }
    }

    /**
     * Copies the jar that holds {@code className} into {@code lib}, or jars up the classes
     * directory it was loaded from (as in this repository's own builds); nothing when the class
     * is not on the builder's class path.
     */
    private static void graftJar(String className, String artifact, Path lib) throws IOException, BuildException {
        Optional<Path> location = location(className);
        if (location.isEmpty()) {
            return;
        }
        Path from = location.get();
        if (Files.isDirectory(from)) {
            jarUp(from, lib.resolve(artifact + ".jar"));
        } else {
            Files.copy(from, lib.resolve(from.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Where the class was loaded from: a jar or a classes directory. */
    static Optional<Path> location(String className) throws BuildException {
        Class<?> c;
        try {
            c = Class.forName(className, false, Launcher.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new BuildException("cannot tell where " + className + " was loaded from, to copy it into lib/graft");
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new BuildException("cannot tell where " + className + " was loaded from: " + e.getMessage(), e);
        }
    }

    private static void jarUp(Path classes, Path jar) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(classes)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                files.put(classes.relativize(f).toString().replace(java.io.File.separatorChar, '/'), Files.readAllBytes(f));
            }
        }
        writeEntries(jar, files);
    }

    /** A jar of classes given by binary name. */
    private static void writeJar(Path jar, Map<String, byte[]> classes) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        classes.forEach((name, bytes) -> files.put(name.replace('.', '/') + ".class", bytes));
        writeEntries(jar, files);
    }

    private static void writeEntries(Path jar, Map<String, byte[]> files) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                out.putNextEntry(new JarEntry(f.getKey()));
                out.write(f.getValue());
                out.closeEntry();
            }
        }
    }
}
