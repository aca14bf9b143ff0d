package dev.graft.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.term.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Reference §7.1, §7.2 and §7.6: unpack, statuses, make permanent, remove, and the status file across restarts. */
@ExtendWith(NodeExtension.class)
class ReleaseLifecycleTest {
    @TempDir
    Path dir;

    /** An archive of release {@code vsn} of "kv", holding application kv of the same version. */
    private Path archive(String vsn) throws IOException {
        Path build = dir.resolve("build-" + vsn);
        Path app = build.resolve("lib/kv-" + vsn + "/ebin/kv.app");
        Files.createDirectories(app.getParent());
        Files.writeString(app, "{application,kv,[{description,\"kv\"},{vsn,\"" + vsn
                + "\"},{modules,[]},{registered,[]},{applications,[]}]}.\n");
        Path rel = build.resolve("releases/" + vsn + "/kv.rel");
        Files.createDirectories(rel.getParent());
        Files.writeString(rel, "{release,{\"kv\",\"" + vsn + "\"},{erts,\"graft\"},[{kv,\"" + vsn + "\"}]}.\n");
        Path archive = dir.resolve("kv-" + vsn + ".zip");
        ReleaseArchive.create(archive, build, ReleaseArchive.filesUnder(build), vsn);
        return archive;
    }

    @Test
    void unpack_registersTheReleaseUnpacked_andASecondUnpackIsExistingRelease(Node node) throws Exception {
        Path root = dir.resolve("node");
        ReleaseHandler rh = ReleaseHandler.open(node, root);
        assertThat(rh.unpackRelease(archive("1"))).isEqualTo("1");
        assertThat(rh.whichReleases()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ReleaseStatus.UNPACKED);
            assertThat(r.libs()).extracting(Release.Lib::toString).containsExactly("kv-1");
        });
        assertThatThrownBy(() -> rh.unpackRelease(archive("1")))
                .isInstanceOfSatisfying(ReleaseException.class, e -> assertThat(e.reason())
                        .isEqualTo(Tuple.of(dev.graft.term.Atom.of("existing_release"), "1")));
        // the status file says the same to a handler opened afterwards (a restarted node)
        assertThat(ReleaseHandler.open(node, root).whichReleases()).isEqualTo(rh.whichReleases());
    }

    @Test
    void onlyACurrentRelease_canBeMadePermanent(Node node) throws Exception {
        ReleaseHandler rh = ReleaseHandler.open(node, dir.resolve("node"));
        rh.unpackRelease(archive("1"));
        assertThatThrownBy(() -> rh.makePermanent("1"))
                .isInstanceOfSatisfying(ReleaseException.class, e -> assertThat(e).hasMessageContaining("is unpacked"));
        assertThatThrownBy(() -> rh.makePermanent("9"))
                .isInstanceOfSatisfying(ReleaseException.class, e -> assertThat(e.reason())
                        .isEqualTo(Tuple.of(dev.graft.term.Atom.of("no_such_release"), "9")));
    }

    @Test
    void remove_deletesTheReleaseAndTheLibsNoOtherReleaseUses(Node node) throws Exception {
        Path root = dir.resolve("node");
        ReleaseHandler rh = ReleaseHandler.open(node, root);
        rh.unpackRelease(archive("1"));
        rh.unpackRelease(archive("2"));
        rh.removeRelease("2");
        assertThat(rh.whichReleases()).extracting(Release::vsn).containsExactly("1");
        assertThat(root.resolve("lib/kv-2")).doesNotExist();
        assertThat(root.resolve("releases/2")).doesNotExist();
        assertThat(root.resolve("lib/kv-1")).isDirectory();
    }
}
