package dev.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.TestExecutionResult.Status.FAILED;
import static org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL;

import dev.graft.release.Release;
import dev.graft.release.ReleaseStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;

/** The extension gives each test a node booted on release 1 with release 2 unpacked, and reports the node when a test fails. */
class ReleaseNodeExtensionTest {
    @TempDir
    static Path dir;
    static Path kv1;
    static Path kv2;

    @BeforeAll
    static void buildReleases() {
        kv1 = KvReleases.release1(dir);
        kv2 = KvReleases.release2(dir, kv1, KvReleases.Flaw.NONE);
    }

    @RegisterExtension
    final ReleaseNodeExtension graft = ReleaseNodeExtension.booting(kv1).unpacking(kv2);

    @Test
    void aTestGetsANodeBootedOnTheFirstRelease_withTheOthersUnpacked(ReleaseNode node) {
        assertThat(node.whichReleases()).extracting(Release::vsn, Release::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", ReleaseStatus.PERMANENT),
                org.assertj.core.groups.Tuple.tuple("2", ReleaseStatus.UNPACKED));
        assertThat(graft.node()).isSameAs(node);
    }

    @Test
    void aTestUpgradesTheNodeItWasGiven(ReleaseNode node) throws Exception {
        node.apply("kv.Store", "bump", "a", 2);
        node.upgrade("2");
        assertThat(node.apply("kv.Store", "bump", "a", 1)).isEqualTo("v2:3");
    }

    @Test
    void eachTestHasAFreshNode_stoppedAndDeletedAfterIt() {
        Map<String, TestExecutionResult> results = run(kv1, kv2, UserTests.class);

        assertThat(results.get("firstTest(ReleaseNode)").getStatus()).isEqualTo(SUCCESSFUL);
        assertThat(results.get("secondTest(ReleaseNode)").getStatus()).isEqualTo(SUCCESSFUL);
        assertThat(UserTests.nodes).hasSize(2).doesNotHaveDuplicates().allSatisfy(n -> {
            assertThat(n.node().isStopped()).isTrue();
            assertThat(n.root()).doesNotExist();
        });
    }

    @Test
    void aTestThatFails_isReportedWithTheNodesReleasesAndModules() {
        Map<String, TestExecutionResult> results = run(kv1, kv2, FailingUserTests.class);

        Throwable failure = results.get("expectsTheWrongVersion(ReleaseNode)").getThrowable().orElseThrow();
        assertThat(failure.getSuppressed()).singleElement().satisfies(s -> assertThat(s.getMessage())
                .startsWith("the node at the failure: releases [kv 1 (permanent), kv 2 (unpacked)]")
                .contains("kv.Store@1", "kv.Label@1"));
    }

    @Test
    void anInstallRolledBackInATest_failsItWithTheReleaseHandlersReason() {
        Path poisoned = KvReleases.release2(dir, kv1, KvReleases.Flaw.CODE_CHANGE_THROWS_FOR_B);

        Map<String, TestExecutionResult> results = run(kv1, poisoned, FailingUserTests.class);

        TestExecutionResult upgrade = results.get("upgrades(ReleaseNode)");
        assertThat(upgrade.getStatus()).isEqualTo(FAILED);
        assertThat(upgrade.getThrowable().orElseThrow()).isInstanceOf(ReleaseFailure.class)
                .hasMessageContaining("was rolled back: the node still runs release 1")
                .hasMessageContaining("store b cannot be upgraded");
    }

    private static Map<String, TestExecutionResult> run(Path boot, Path unpack, Class<?> tests) {
        UserTests.boot = boot;
        UserTests.unpack = unpack;
        UserTests.nodes.clear();
        try {
            return JUnitRun.run(tests);
        } finally {
            UserTests.boot = null;
            UserTests.unpack = null;
        }
    }

    /** A user's tests, run through the launcher by the tests above. */
    static class UserTests {
        static volatile Path boot;
        static volatile Path unpack;
        static final List<ReleaseNode> nodes = new CopyOnWriteArrayList<>();

        @RegisterExtension
        final ReleaseNodeExtension graft = ReleaseNodeExtension.booting(Objects.requireNonNull(boot, "run by ReleaseNodeExtensionTest"))
                .unpacking(unpack);

        @Test
        void firstTest(ReleaseNode node) {
            nodes.add(node);
        }

        @Test
        void secondTest(ReleaseNode node) {
            nodes.add(node);
        }
    }

    /** A user's failing tests. */
    static final class FailingUserTests extends UserTests {
        @Test
        void expectsTheWrongVersion(ReleaseNode node) {
            assertThat(node.moduleVersion("kv.Store")).hasValue("2");
        }

        @Test
        void upgrades(ReleaseNode node) {
            node.upgrade("2");
        }
    }
}
