package dev.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.code.ModuleVersion;
import dev.graft.process.Pid;
import dev.graft.release.Release;
import dev.graft.release.ReleaseHandler;
import dev.graft.release.ReleaseStatus;
import dev.graft.term.Atom;
import dev.graft.term.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ReleaseNode boots release 1 as a target system does, and the test drives, upgrades and downgrades it. */
class ReleaseNodeTest {
    @TempDir
    static Path dir;
    static Path kv1;
    static Path kv2;
    static Path poisoned;

    @BeforeAll
    static void buildReleases() throws Exception {
        kv1 = KvReleases.release1(dir);
        kv2 = KvReleases.release2(dir, kv1, KvReleases.Flaw.NONE);
        poisoned = KvReleases.release2(dir, kv1, KvReleases.Flaw.CODE_CHANGE_THROWS_FOR_B);
    }

    @Test
    void bootingARelease_makesItPermanent_andStartsItsSupervisionTree() throws Exception {
        try (ReleaseNode node = ReleaseNode.boot(kv1)) {
            assertThat(node.whichReleases()).extracting(Release::vsn, Release::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1", ReleaseStatus.PERMANENT));
            assertThat(node.behaviourProcesses()).containsOnlyKeys("kv.Store", "kv.KvSup");
            assertThat(node.behaviourProcesses().get("kv.Store")).containsExactlyInAnyOrder(node.whereis("a"), node.whereis("b"));
            assertThat(node.apply("kv.Store", "bump", "a", 5)).isEqualTo("v1:5");
            assertThat(node.moduleVersion("kv.Store")).hasValue("1");
            assertThat(node.modules("1")).containsOnlyKeys("kv.Label", "kv.Store", "kv.KvSup", "kv.KvApp");
        }
    }

    @Test
    void anUpgradeAndADowngrade_changeTheStoresCodeAndState_andTheSupervisorsChildren_bothWays() throws Exception {
        try (ReleaseNode node = ReleaseNode.boot(kv1)) {
            // given store a bumped to 5 on release 1
            node.apply("kv.Store", "bump", "a", 5);
            Pid a = node.whereis("a");

            // when release 2 is unpacked and installed
            ReleaseHandler.Installed up = node.upgrade(kv2);

            // then the same server runs version 2, its state in version 2's shape
            assertThat(up).isEqualTo(new ReleaseHandler.Installed("1", "2", List.of()));
            assertThat(node.currentRelease().vsn()).isEqualTo("2");
            assertThat(node.whereis("a")).isEqualTo(a);
            assertThat(node.state(a)).hasToString("State[name=a, count=5, history=[]]");
            assertThat(node.runningVersion(a)).map(ModuleVersion::vsn).hasValue("2");
            assertThat(node.apply("kv.Store", "bump", "a", 1)).isEqualTo("v2:6");
            assertThat(node.moduleVersion("kv.Audit")).isPresent();
            // and the supervisor took its new specs: store c, added by release 2, runs
            assertThat(node.state(node.whereis("c"))).hasToString("State[name=c, count=0, history=[]]");

            // when it is downgraded to release 1
            node.downgrade("1");

            // then it runs version 1 with its count, and Audit is gone
            assertThat(node.state(a)).hasToString("State[name=a, count=6]");
            assertThat(node.apply("kv.Store", "bump", "a", 1)).isEqualTo("v1:7");
            assertThat(node.moduleVersion("kv.Audit")).isEmpty();
            assertThat(node.node().whereis("c")).isEmpty();
            assertThat(node.whichReleases()).extracting(Release::status).containsExactly(ReleaseStatus.PERMANENT, ReleaseStatus.OLD);
        }
    }

    @Test
    void makePermanent_makesTheUpgradeWhatARestartBoots() {
        try (ReleaseNode node = ReleaseNode.boot(kv1)) {
            node.upgrade(kv2);
            node.makePermanent();
            assertThat(node.whichReleases()).extracting(Release::vsn, Release::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("1", ReleaseStatus.OLD),
                    org.assertj.core.groups.Tuple.tuple("2", ReleaseStatus.PERMANENT));
        }
    }

    @Test
    void anInstallWhoseCodeChangeThrows_failsTheTest_sayingItWasRolledBackAndWhy() throws Exception {
        try (ReleaseNode node = ReleaseNode.boot(kv1)) {
            node.apply("kv.Store", "bump", "b", 3);

            assertThatThrownBy(() -> node.upgrade(poisoned)).isInstanceOfSatisfying(ReleaseFailure.class, f -> {
                assertThat(f).hasMessageContaining("installing release 2 over 1 failed, and was rolled back:"
                        + " the node still runs release 1");
                assertThat(f).hasMessageContaining("store b cannot be upgraded").hasMessageContaining("kv.Store");
                assertThat(((Tuple) f.reason()).get(0)).isEqualTo(Atom.of("code_change_failed"));
            });

            assertThat(node.currentRelease().vsn()).isEqualTo("1");
            assertThat(node.state(node.whereis("b"))).hasToString("State[name=b, count=3]");
            assertThat(node.apply("kv.Store", "bump", "b", 1)).isEqualTo("v1:4");
        }
    }

    @Test
    void aDowngradeTheRelupsDoNotOffer_isRefusedBeforeAnythingChanges() {
        try (ReleaseNode node = ReleaseNode.boot(kv1)) {
            node.unpack(kv2);
            assertThatThrownBy(() -> node.downgrade("2")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("cannot downgrade from 1 to 2: releases/1/relup has no script to downgrade to 2");
            assertThat(node.currentRelease().vsn()).isEqualTo("1");
        }
    }

    @Test
    void aReleaseDirectory_bootsAndUpgradesLikeItsArchive() throws Exception {
        try (ReleaseNode node = ReleaseNode.boot(dir.resolve("kv-1"))) {
            node.upgrade(dir.resolve("kv-2"));
            assertThat(node.apply("kv.Store", "bump", "a", 2)).isEqualTo("v2:2");
            assertThat(node.root().resolve("tmp")).isEmptyDirectory(); // the archives made of the directories are gone
        }
    }

    @Test
    void closing_stopsTheNode_andDeletesTheRootItMade() {
        ReleaseNode node = ReleaseNode.boot(kv1);
        Path root = node.root();
        assertThat(root.resolve("releases/RELEASES")).exists();

        node.close();

        assertThat(node.node().isStopped()).isTrue();
        assertThat(node.node().processes()).isEmpty();
        assertThat(root).doesNotExist();
    }

    @Test
    void aRootThatIsNotEmpty_isRefused(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("stray"), "x");
        assertThatThrownBy(() -> ReleaseNode.boot(kv1, root)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not empty");
    }
}
