package dev.graft.builder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The classes of a release's shared class path — its applications' dependency jars, loaded
 * once by the node and never replaced while it runs — each with the jar it comes from and the
 * SHA-256 of its class file. A release keeps the list in {@code releases/VSN/shared-classes}
 * (a line {@code <sha256>  <class>  <jar>} each), so that the next build can tell which shared
 * types changed even when it reads the previous release from its archive.
 *
 * @param classes by binary name
 */
record SharedClasses(Map<String, Entry> classes) {
    static final String FILE = "shared-classes";

    record Entry(String digest, String jar) {}

    SharedClasses {
        classes = java.util.Collections.unmodifiableMap(new TreeMap<>(classes));
    }

    /**
     * The classes of the dependency jars, and of the jars the build makes of the applications'
     * shared packages ({@code more}: each jar's name and classes).
     */
    static SharedClasses of(List<Path> jars, Map<String, Map<String, byte[]>> more) throws BuildException {
        Map<String, Entry> classes = new TreeMap<>();
        more.forEach((jar, byName) -> byName.forEach((name, bytes) -> classes.put(name, new Entry(sha256(bytes), jar))));
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    String name = entry.getName();
                    if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                        continue;
                    }
                    try (InputStream in = file.getInputStream(entry)) {
                        String binary = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                        classes.putIfAbsent(binary, new Entry(sha256(in.readAllBytes()), jar.getFileName().toString()));
                    }
                }
            } catch (IOException e) {
                throw new BuildException("cannot read the dependency jar " + jar + ": " + e.getMessage(), e);
            }
        }
        return new SharedClasses(classes);
    }

    static SharedClasses read(Path file) throws BuildException {
        Map<String, Entry> classes = new TreeMap<>();
        if (!Files.exists(file)) {
            return new SharedClasses(classes);
        }
        try {
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                String[] parts = line.split("  ");
                if (parts.length != 3) {
                    throw new BuildException(file + ":" + n + ": expected '<sha256>  <class>  <jar>', found: " + line);
                }
                classes.put(parts[1], new Entry(parts[0], parts[2]));
            }
        } catch (IOException e) {
            throw new BuildException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new SharedClasses(classes);
    }

    void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        classes.forEach((name, e) -> text.append(e.digest).append("  ").append(name).append("  ").append(e.jar).append('\n'));
        Files.writeString(file, text);
    }

    /** The classes added, removed or changed since {@code before}, by binary name. */
    Set<String> changedSince(SharedClasses before) {
        Set<String> changed = new TreeSet<>();
        for (Map.Entry<String, Entry> e : classes.entrySet()) {
            Entry old = before.classes.get(e.getKey());
            if (old == null || !old.digest.equals(e.getValue().digest)) {
                changed.add(e.getKey());
            }
        }
        for (String name : before.classes.keySet()) {
            if (!classes.containsKey(name)) {
                changed.add(name);
            }
        }
        return changed;
    }

    /** How a changed class changed, for the plan: {@code com.x.Y (in x-2.jar, was in x-1.jar)}. */
    String describeChange(String name, SharedClasses before) {
        Entry now = classes.get(name);
        Entry was = before.classes.get(name);
        if (now == null) {
            return name + " (removed; was in " + was.jar + ")";
        }
        if (was == null) {
            return name + " (added, in " + now.jar + ")";
        }
        return name + " (changed, in " + now.jar + (now.jar.equals(was.jar) ? "" : ", was in " + was.jar) + ")";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
