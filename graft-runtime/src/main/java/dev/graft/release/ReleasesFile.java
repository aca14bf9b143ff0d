package dev.graft.release;

import dev.graft.term.TermException;
import dev.graft.term.Terms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The status file {@code releases/RELEASES}: the one list of known releases and their
 * statuses, read at boot and rewritten, atomically, after every change.
 */
final class ReleasesFile {
    static final String NAME = "RELEASES";

    private ReleasesFile() {}

    static List<Release> read(Path releasesDir) throws ReleaseException {
        Path file = releasesDir.resolve(NAME);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Terms.readOne(file).list("the releases").stream().map(Release::parse).toList();
        } catch (IOException | TermException e) {
            throw ReleaseException.of("bad_releases_file", "cannot read " + file + ": " + e.getMessage(), file.toString());
        }
    }

    static void write(Path releasesDir, List<Release> releases) throws IOException {
        AtomicFiles.write(releasesDir.resolve(NAME), Terms.fileText(List.of(releases.stream().map(Release::toTerm).toList())));
    }
}
