package dev.graft.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.process.Pid;
import dev.graft.term.Atom;
import dev.graft.term.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference §7.2: releases put in place by other means than an archive — {@code set_unpacked}
 * with application directories outside the root, {@code install_file} for the relup, and
 * {@code set_removed}, which forgets a release and leaves its files.
 */
@ExtendWith(NodeExtension.class)
class ReleaseRegistrationTest {
    private static final String STORE = "kv.Store";

    @TempDir
    Path dir;
    /** The build directories TestReleases leaves: lib/kv-V and releases/V/kv.rel (and the relup of 2). */
    Path build1;
    Path build2;

    @BeforeEach
    void buildReleases(Node node) throws Exception {
        TestReleases builder = new TestReleases(dir, CodeServer.of(node));
        builder.build("kv", "1", List.of(Map.entry("kv.Label1", ReleaseInstallTest.label(1)),
                Map.entry(STORE, ReleaseInstallTest.store(1))), null);
        builder.build("kv", "2", List.of(Map.entry("kv.Label2", ReleaseInstallTest.label(2)),
                Map.entry(STORE, ReleaseInstallTest.store(2))), ReleaseInstallTest.RELUP);
        build1 = dir.resolve("build-kv-1");
        build2 = dir.resolve("build-kv-2");
    }

    private static List<Release.Lib> kvAt(Path build, String vsn) {
        return List.of(new Release.Lib("kv", vsn, build.resolve("lib/kv-" + vsn)));
    }

    @Test
    void releasesRegisteredWithTheirApplicationsElsewhere_bootAndUpgrade_byTheRelupInstalledAsAFile(Node node)
            throws Exception {
        // given releases 1 and 2 registered where they were built, and 2's relup installed as a file
        ReleaseHandler rh = ReleaseHandler.open(node, dir.resolve("node"));
        assertThat(rh.setUnpacked(build1.resolve("releases/1/kv.rel"), kvAt(build1, "1"))).isEqualTo("1");
        rh.boot();
        rh.setUnpacked(build2.resolve("releases/2/kv.rel"), kvAt(build2, "2"));
        rh.installFile("2", build2.resolve("releases/2/relup"));
        assertThat(rh.find("2").orElseThrow().libs()).extracting(Release.Lib::dir)
                .containsExactly(build2.resolve("lib/kv-2").toAbsolutePath());
        Pid store = node.runProcess(() -> (Pid) CodeServer.of(node).apply(STORE, "start", "a"));

        // when release 2 is installed
        rh.installRelease("2");

        // then the store runs the code read from 2's own directory
        assertThat(CodeServer.of(node).apply(STORE, "bump", store, 3)).isEqualTo("v2:3");
        assertThat(Files.exists(dir.resolve("node/lib/kv-2"))).isFalse();
    }

    @Test
    void setUnpacked_refusesAKnownVersion_andAMissingDirectory_registeringNothing(Node node) throws Exception {
        ReleaseHandler rh = ReleaseHandler.open(node, dir.resolve("node"));
        rh.setUnpacked(build1.resolve("releases/1/kv.rel"), kvAt(build1, "1"));
        List<Release> before = rh.whichReleases();

        assertThatThrownBy(() -> rh.setUnpacked(build1.resolve("releases/1/kv.rel"), kvAt(build1, "1")))
                .isInstanceOfSatisfying(ReleaseException.class,
                        e -> assertThat(e.reason()).isEqualTo(Tuple.of(Atom.of("existing_release"), "1")));
        Path nowhere = dir.resolve("nowhere/kv-2");
        assertThatThrownBy(() -> rh.setUnpacked(build2.resolve("releases/2/kv.rel"),
                List.of(new Release.Lib("kv", "2", nowhere))))
                .isInstanceOfSatisfying(ReleaseException.class, e -> assertThat(e.reason())
                        .isEqualTo(Tuple.of(Atom.of("no_such_directory"), nowhere.toAbsolutePath().toString())));

        assertThat(rh.whichReleases()).isEqualTo(before);
        assertThat(Files.exists(dir.resolve("node/releases/2"))).isFalse();
    }

    @Test
    void installFile_needsAKnownRelease_andSetRemoved_forgetsOneButNotThePermanent_leavingItsFiles(Node node)
            throws Exception {
        ReleaseHandler rh = ReleaseHandler.open(node, dir.resolve("node"));
        rh.setUnpacked(build1.resolve("releases/1/kv.rel"), kvAt(build1, "1"));
        rh.boot();
        rh.setUnpacked(build2.resolve("releases/2/kv.rel"), kvAt(build2, "2"));

        assertThatThrownBy(() -> rh.installFile("3", build2.resolve("releases/2/relup")))
                .isInstanceOfSatisfying(ReleaseException.class,
                        e -> assertThat(e.reason()).isEqualTo(Tuple.of(Atom.of("no_such_release"), "3")));
        assertThatThrownBy(() -> rh.setRemoved("1"))
                .isInstanceOfSatisfying(ReleaseException.class,
                        e -> assertThat(e.reason()).isEqualTo(Tuple.of(Atom.of("permanent"), "1")));

        rh.setRemoved("2");

        assertThat(rh.whichReleases()).extracting(Release::vsn).containsExactly("1");
        assertThat(ReleaseHandler.open(node, dir.resolve("node")).whichReleases()).extracting(Release::vsn)
                .containsExactly("1");
        assertThat(dir.resolve("node/releases/2/kv.rel")).exists();
        assertThat(build2.resolve("lib/kv-2")).isDirectory();
    }
}
