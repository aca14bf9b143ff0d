package dev.graft.release;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A release archive: a zip of the release's files, relative to the release root
 * ({@code lib/APP-VSN/...}, {@code releases/VSN/NAME.rel}, {@code releases/VSN/relup}, ...),
 * with a manifest {@code releases/VSN/SHA256SUMS} in {@code sha256sum}'s format listing every
 * other entry and its SHA-256.
 *
 * <p>{@link #verify} reads the whole archive and writes nothing: every entry must be listed in
 * the manifest with the digest it has, every listed entry must be there, and every name must
 * stay inside the target directory (relative, no {@code ..}, no drive or backslash). Only a
 * verified archive is {@link #extract extracted}. The manifest guards against corruption and
 * truncation; it is not a signature: whoever can write the archive can write its manifest.
 */
public final class ReleaseArchive {
    static final String MANIFEST = "SHA256SUMS";
    private static final Pattern MANIFEST_NAME = Pattern.compile("releases/([^/]+)/" + MANIFEST);
    private static final Pattern MANIFEST_LINE = Pattern.compile("([0-9a-f]{64})  (.+)");

    /** What a verified archive holds: the release version and every entry's digest, by name. */
    public record Contents(String vsn, Map<String, String> digests) {}

    private ReleaseArchive() {}

    /**
     * Writes an archive of the files under {@code root} named by {@code entries} (relative
     * paths with '/'), adding the manifest of release {@code vsn}.
     */
    public static void create(Path archive, Path root, List<String> entries, String vsn) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            for (String name : entries) {
                byte[] bytes = Files.readAllBytes(root.resolve(name));
                digests.put(name, sha256(bytes));
                zip.putNextEntry(new ZipEntry(name));
                zip.write(bytes);
                zip.closeEntry();
            }
            StringBuilder manifest = new StringBuilder();
            digests.forEach((name, digest) -> manifest.append(digest).append("  ").append(name).append('\n'));
            zip.putNextEntry(new ZipEntry("releases/" + vsn + "/" + MANIFEST));
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    /** Every regular file under {@code root}, as archive entry names. */
    public static List<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** Reads and checks the archive, writing nothing; see the class comment. */
    public static Contents verify(Path archive) throws ReleaseException {
        Map<String, String> actual = new LinkedHashMap<>();
        String manifestText = null;
        String vsn = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                if (e.isDirectory()) {
                    safeName(archive, name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
                    continue;
                }
                safeName(archive, name);
                byte[] bytes = zip.readAllBytes();
                Matcher m = MANIFEST_NAME.matcher(name);
                if (m.matches()) {
                    if (manifestText != null) {
                        throw ReleaseException.of("bad_archive", archive + ": two manifests", archive.toString());
                    }
                    manifestText = new String(bytes, StandardCharsets.UTF_8);
                    vsn = m.group(1);
                } else if (actual.put(name, sha256(bytes)) != null) {
                    throw ReleaseException.of("bad_archive", archive + ": the entry " + name + " is there twice", name);
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw ReleaseException.of("bad_archive", archive + " is corrupt or truncated: " + e.getMessage(), archive.toString());
        } catch (IOException e) {
            throw ReleaseException.of("bad_archive", "cannot read " + archive + ": " + e.getMessage(), archive.toString());
        }
        if (manifestText == null) {
            throw ReleaseException.of("bad_archive", archive + " has no releases/VSN/" + MANIFEST + " manifest", archive.toString());
        }
        Map<String, String> listed = parseManifest(archive, manifestText);
        for (Map.Entry<String, String> a : actual.entrySet()) {
            String want = listed.get(a.getKey());
            if (want == null) {
                throw ReleaseException.of("unlisted_entry", archive + ": " + a.getKey() + " is not in the manifest", a.getKey());
            }
            if (!want.equals(a.getValue())) {
                throw ReleaseException.of("checksum_mismatch", archive + ": " + a.getKey() + " has SHA-256 " + a.getValue()
                        + ", the manifest says " + want, a.getKey());
            }
        }
        for (String name : listed.keySet()) {
            if (!actual.containsKey(name)) {
                throw ReleaseException.of("missing_entry", archive + ": the manifest lists " + name + ", which is not there", name);
            }
        }
        return new Contents(vsn, actual);
    }

    /**
     * Verifies the archive, then writes its entries under {@code root}; nothing is written when
     * verification fails. Returns what it holds.
     */
    public static Contents extract(Path archive, Path root) throws ReleaseException, IOException {
        Contents contents = verify(archive);
        Path top = root.toAbsolutePath().normalize();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.isDirectory()) {
                    continue;
                }
                Path target = top.resolve(e.getName()).normalize();
                if (!target.startsWith(top)) { // verify refused such names; a second guard costs nothing
                    throw ReleaseException.of("entry_outside_target", e.getName() + " would be written outside " + top, e.getName());
                }
                Files.createDirectories(target.getParent());
                try (OutputStream out = Files.newOutputStream(target)) {
                    zip.transferTo(out);
                }
            }
        }
        return contents;
    }

    private static void safeName(Path archive, String name) throws ReleaseException {
        boolean bad = name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":")
                || Stream.of(name.split("/", -1)).anyMatch(p -> p.isEmpty() || p.equals("..") || p.equals("."));
        if (bad) {
            throw ReleaseException.of("entry_outside_target", archive + ": the entry name " + name
                    + " is not a plain relative path inside the release", name);
        }
    }

    private static Map<String, String> parseManifest(Path archive, String text) throws ReleaseException {
        Map<String, String> listed = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = MANIFEST_LINE.matcher(line);
            if (!m.matches()) {
                throw ReleaseException.of("bad_archive", archive + ": a manifest line is not '<sha256>  <path>': " + line, line);
            }
            safeName(archive, m.group(2));
            listed.put(m.group(2), m.group(1));
        }
        return listed;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
