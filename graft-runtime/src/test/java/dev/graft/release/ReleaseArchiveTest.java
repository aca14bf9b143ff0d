package dev.graft.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.term.Tuple;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN decision 8: an archive is checked before anything is written, and writes only inside its target. */
class ReleaseArchiveTest {
    @TempDir
    Path dir;

    private Path release() throws IOException {
        Path src = dir.resolve("build");
        write(src.resolve("lib/kv-2/ebin/kv.app"), "{application,kv,[]}.");
        write(src.resolve("lib/kv-2/classes/kv/KV.class"), "bytes of KV");
        write(src.resolve("releases/2/kv.rel"), "{release,{\"kv\",\"2\"},{erts,\"25\"},[]}.");
        return src;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Path archiveOf(Path src) throws IOException {
        Path archive = dir.resolve("kv-2.zip");
        ReleaseArchive.create(archive, src, ReleaseArchive.filesUnder(src), "2");
        return archive;
    }

    /** A hand-made zip: name → content; the manifest is whatever the caller puts in. */
    private Path zip(Map<String, String> entries) throws IOException {
        Path archive = dir.resolve("hand-made.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(archive))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return archive;
    }

    private static String sum(String content) {
        return ReleaseArchive.sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    private List<Path> filesIn(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (var s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aGoodArchive_isVerifiedAndExtracted_withEveryFileAndItsDigest() throws Exception {
        Path archive = archiveOf(release());
        Path root = dir.resolve("node");
        ReleaseArchive.Contents c = ReleaseArchive.extract(archive, root);
        assertThat(c.vsn()).isEqualTo("2");
        assertThat(c.digests()).containsOnlyKeys("lib/kv-2/ebin/kv.app", "lib/kv-2/classes/kv/KV.class", "releases/2/kv.rel");
        assertThat(root.resolve("lib/kv-2/classes/kv/KV.class")).hasContent("bytes of KV");
        assertThat(root.resolve("releases/2/SHA256SUMS")).exists();
    }

    @Test
    void aTamperedEntry_isRefused_andNothingIsWritten() throws Exception {
        Path archive = zip(Map.of(
                "lib/kv-2/a", "changed",
                "releases/2/SHA256SUMS", sum("original") + "  lib/kv-2/a\n"));
        Path root = dir.resolve("node");
        assertThatThrownBy(() -> ReleaseArchive.extract(archive, root))
                .isInstanceOfSatisfying(ReleaseException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Tuple.of(dev.graft.term.Atom.of("checksum_mismatch"), "lib/kv-2/a"));
                    assertThat(e).hasMessageContaining("lib/kv-2/a has SHA-256");
                });
        assertThat(filesIn(root)).isEmpty();
    }

    @Test
    void anEntryEscapingTheTarget_isRefused_andNothingIsWritten() throws Exception {
        for (String evil : List.of("../evil", "lib/../../evil", "/etc/evil", "lib\\..\\evil", "C:/evil")) {
            Path archive = zip(Map.of(evil, "x", "releases/2/SHA256SUMS", sum("x") + "  lib/ok\n"));
            Path root = dir.resolve("node");
            assertThatThrownBy(() -> ReleaseArchive.extract(archive, root)).as(evil)
                    .isInstanceOfSatisfying(ReleaseException.class, e ->
                            assertThat(((Tuple) e.reason()).get(0)).hasToString("entry_outside_target"));
            assertThat(filesIn(root)).isEmpty();
            assertThat(dir.resolve("evil")).doesNotExist();
        }
    }

    @Test
    void aTruncatedArchive_isRefused_andNothingIsWritten() throws Exception {
        Path archive = archiveOf(release());
        byte[] whole = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(whole, whole.length / 2));
        Path root = dir.resolve("node");
        assertThatThrownBy(() -> ReleaseArchive.extract(archive, root)).isInstanceOf(ReleaseException.class);
        assertThat(filesIn(root)).isEmpty();
    }

    @Test
    void aCorruptArchive_isRefused() throws Exception {
        Path archive = dir.resolve("garbage.zip");
        Files.writeString(archive, "this is not a zip at all");
        assertThatThrownBy(() -> ReleaseArchive.verify(archive))
                .isInstanceOfSatisfying(ReleaseException.class, e -> assertThat(e).hasMessageContaining("no releases/VSN/SHA256SUMS"));
    }

    @Test
    void anUnlistedOrAMissingEntry_isRefused() throws Exception {
        Path unlisted = zip(Map.of("lib/a", "a", "lib/b", "b", "releases/2/SHA256SUMS", sum("a") + "  lib/a\n"));
        assertThatThrownBy(() -> ReleaseArchive.verify(unlisted))
                .isInstanceOfSatisfying(ReleaseException.class, e -> assertThat(e).hasMessageContaining("lib/b is not in the manifest"));
        Path missing = zip(Map.of("lib/a", "a", "releases/2/SHA256SUMS", sum("a") + "  lib/a\n" + sum("b") + "  lib/b\n"));
        assertThatThrownBy(() -> ReleaseArchive.verify(missing))
                .isInstanceOfSatisfying(ReleaseException.class, e -> assertThat(e).hasMessageContaining("lists lib/b, which is not there"));
    }

    @Test
    void theStatusFile_isWrittenAtomically_andReadBack() throws Exception {
        Path releases = dir.resolve("releases");
        List<Release> rs = List.of(
                new Release("kv", "1", "graft", List.of(new Release.Lib("kv", "1", Path.of("/r/lib/kv-1"))), ReleaseStatus.PERMANENT),
                new Release("kv", "2", "graft", List.of(new Release.Lib("kv", "2", Path.of("/r/lib/kv-2"))), ReleaseStatus.CURRENT));
        ReleasesFile.write(releases, rs);
        List<Release> back = ReleasesFile.read(releases);
        assertThat(back).extracting(Release::status).containsExactly(ReleaseStatus.PERMANENT, ReleaseStatus.UNPACKED);
        assertThat(back.get(0)).isEqualTo(rs.get(0));
        try (var files = Files.list(releases)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("RELEASES");
        }
    }
}
