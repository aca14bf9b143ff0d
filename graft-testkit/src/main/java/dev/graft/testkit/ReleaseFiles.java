package dev.graft.testkit;

import dev.graft.application.AppSpec;
import dev.graft.release.ReleaseApps;
import dev.graft.release.ReleaseArchive;
import dev.graft.release.ReleaseException;
import dev.graft.release.ReleaseSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A release as the testkit is given it: an archive ({@code NAME-VSN.zip}, as
 * {@link ReleaseArchive} makes it) or a release directory (the same files unpacked:
 * {@code lib/APP-VSN/...}, {@code releases/VSN/NAME.rel}, {@code releases/VSN/relup}).
 */
final class ReleaseFiles {
    private static final String MANIFEST = "SHA256SUMS";

    private ReleaseFiles() {}

    /** The version of the release in an archive or a release directory. */
    static String vsnOf(Path release) {
        if (Files.isDirectory(release)) {
            return relFile(release).getParent().getFileName().toString();
        }
        try {
            return ReleaseArchive.verify(release).vsn();
        } catch (ReleaseException e) {
            throw new IllegalArgumentException(release + " is not a release archive: " + e.getMessage(), e);
        }
    }

    /**
     * The release as an archive the release handler unpacks: an archive as it is; a directory
     * archived into a new directory under {@code scratch}, which the caller deletes (without
     * the manifest the directory may hold from an earlier unpack).
     */
    static Path asArchive(Path release, Path scratch) {
        if (!Files.isDirectory(release)) {
            return release;
        }
        String vsn = vsnOf(release);
        try {
            Files.createDirectories(scratch);
            Path archive = Files.createTempDirectory(scratch, "release-" + vsn + "-").resolve(vsn + ".zip");
            List<String> entries = ReleaseArchive.filesUnder(release).stream()
                    .filter(f -> !f.equals("releases/" + vsn + "/" + MANIFEST)).toList();
            ReleaseArchive.create(archive, release, entries, vsn);
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive the release directory " + release, e);
        }
    }

    /** The release's {@code .rel} and {@code .app} files, as the relup builder reads them. */
    static ReleaseApps readApps(Path releaseDir) {
        Path rel = relFile(releaseDir);
        try {
            ReleaseSpec spec = ReleaseSpec.read(rel);
            List<AppSpec> apps = new ArrayList<>();
            for (ReleaseSpec.App a : spec.applications()) {
                apps.add(AppSpec.read(releaseDir.resolve("lib/" + a.name() + "-" + a.vsn() + "/ebin/" + a.name() + ".app")));
            }
            return new ReleaseApps(spec, apps);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read release " + releaseDir, e);
        }
    }

    /** The one {@code releases/VSN/NAME.rel} of a release directory. */
    private static Path relFile(Path releaseDir) {
        Path releases = releaseDir.resolve("releases");
        List<Path> rels;
        try (Stream<Path> files = Files.isDirectory(releases) ? Files.walk(releases, 2) : Stream.empty()) {
            rels = files.filter(p -> p.getFileName().toString().endsWith(".rel")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + releases, e);
        }
        if (rels.size() != 1) {
            throw new IllegalArgumentException(releaseDir + " is not a release directory: it must hold exactly one"
                    + " releases/VSN/NAME.rel, and it holds " + rels.size() + (rels.isEmpty() ? "" : " " + rels));
        }
        return rels.getFirst();
    }

    /** Deletes a directory tree, if it is there. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
