package dev.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.TestExecutionResult.Status.ABORTED;
import static org.junit.platform.engine.TestExecutionResult.Status.FAILED;
import static org.junit.platform.engine.TestExecutionResult.Status.SUCCESSFUL;

import dev.graft.code.CodeServer;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;

/**
 * The generated up/down/up test: it passes for a good pair of releases, and each kind of broken
 * upgrade fails the step where it shows, saying what is wrong, with the later steps skipped.
 */
class RoundTripTest {
    private static final String BOOT = "boot 1";
    private static final String UP = "upgrade 1 → 2";
    private static final String DOWN = "downgrade 2 → 1";
    private static final String UP_AGAIN = "upgrade 1 → 2 again";

    @TempDir
    static Path dir;
    static Path kv1;
    static Path kv2;

    @BeforeAll
    static void buildReleases() {
        kv1 = KvReleases.release1(dir);
        kv2 = KvReleases.release2(dir, kv1, KvReleases.Flaw.NONE);
    }

    private static RoundTrip storesBumped(Path b) {
        return RoundTrip.between(kv1, b).given(node -> {
            node.apply("kv.Store", "bump", "a", 5);
            node.apply("kv.Store", "bump", "b", 7);
        });
    }

    @TestFactory
    Stream<DynamicTest> kvUpgradesDowngradesAndUpgradesAgain_andEveryStoreKeepsItsState() {
        return storesBumped(kv2)
                .check("1", node -> {
                    assertThat(node.state(node.whereis("a"))).hasToString("State[name=a, count=5]");
                    assertThat(node.apply("kv.Label", "of", 1)).isEqualTo("v1:1");
                    assertThat(node.node().whereis("c")).isEmpty();
                })
                .check("2", node -> {
                    assertThat(node.state(node.whereis("b"))).hasToString("State[name=b, count=7, history=[]]");
                    assertThat(node.state(node.whereis("c"))).hasToString("State[name=c, count=0, history=[]]");
                    assertThat(node.apply("kv.Label", "of", 1)).isEqualTo("v2:1");
                    assertThat(node.moduleVersion("kv.Audit")).isPresent();
                })
                .stateRoundTrips()
                .tests();
    }

    @TestFactory
    Stream<DynamicContainer> roundTripsOfSeveralPairs_eachInAContainer_archivesOrReleaseDirectories() {
        return Stream.of(RoundTrip.between(kv1, kv2).container(),
                RoundTrip.between(dir.resolve("kv-1"), dir.resolve("kv-2")).container());
    }

    @Test
    void aRoundTripRunByJUnit_passesEveryStep() {
        Map<String, TestExecutionResult> results = run(storesBumped(kv2).stateRoundTrips());

        assertThat(results).containsOnlyKeys(BOOT, UP, DOWN, UP_AGAIN);
        assertThat(results.values()).extracting(TestExecutionResult::getStatus).containsOnly(SUCCESSFUL);
    }

    @Test
    void aCodeChangeThatThrows_failsTheUpgrade_sayingTheInstallWasRolledBackAndWhy_andSkipsTheRest() {
        Map<String, TestExecutionResult> results = run(storesBumped(KvReleases.release2(dir, kv1,
                KvReleases.Flaw.CODE_CHANGE_THROWS_FOR_B)));

        assertThat(results.get(BOOT).getStatus()).isEqualTo(SUCCESSFUL);
        assertThat(results.get(UP).getStatus()).isEqualTo(FAILED);
        assertThat(results.get(UP).getThrowable().orElseThrow()).isInstanceOf(ReleaseFailure.class)
                .hasMessageContaining("installing release 2 over 1 failed, and was rolled back: the node still runs release 1")
                .hasMessageContaining("reason: {code_change_failed,\"kv.Store\",")
                .hasMessageContaining("store b cannot be upgraded");
        for (String skipped : new String[] {DOWN, UP_AGAIN}) {
            assertThat(results.get(skipped).getStatus()).isEqualTo(ABORTED);
            assertThat(results.get(skipped).getThrowable().orElseThrow())
                    .hasMessage("not run: the step \"" + UP + "\" failed");
        }
    }

    @Test
    void anAppupWhoseDowngradeKeepsAnAddedModule_failsTheDowngrade() {
        Map<String, TestExecutionResult> results = run(storesBumped(KvReleases.release2(dir, kv1,
                KvReleases.Flaw.APPUP_KEEPS_AUDIT)));

        assertThat(results.get(UP).getStatus()).isEqualTo(SUCCESSFUL);
        assertThat(results.get(DOWN).getThrowable().orElseThrow()).hasMessageStartingWith("after downgrade 2 → 1:")
                .hasMessageContaining("module kv.Audit (version ")
                .hasMessageContaining("which only release 2 ships, is still loaded: does the appup delete it?");
    }

    @Test
    void aProcessThatAPurgeKills_failsTheStep() {
        Pid[] holder = new Pid[1];
        Map<String, TestExecutionResult> results = run(RoundTrip.between(kv1, kv2).given(node -> holder[0] = node.run(() -> {
            // a process inside kv.Label 1's code, which the upgrade's load of Label 2 and purge of 1 kill
            Pid self = Proc.self();
            CodeServer code = node.codeServer();
            Pid p = Proc.spawn(() -> code.apply("kv.Label", "hold", self));
            Proc.receive("holding"::equals);
            return p;
        })));

        assertThat(results.get(UP).getThrowable().orElseThrow()).hasMessageStartingWith("after upgrade 1 → 2:")
                .hasMessageContaining("process " + holder[0] + " (")
                .hasMessageContaining(") was killed during the step, as a purge kills");
    }

    @Test
    void aStateTheDowngradeDoesNotRestore_failsTheDowngrade_showingBothStates() {
        Map<String, TestExecutionResult> results = run(storesBumped(KvReleases.release2(dir, kv1,
                KvReleases.Flaw.CODE_CHANGE_NOT_UNDONE)).stateRoundTrips());

        assertThat(results.get(UP).getStatus()).isEqualTo(SUCCESSFUL);
        assertThat(results.get(DOWN).getThrowable().orElseThrow()).hasMessageStartingWith("after the downgrade, the state did not round-trip:")
                .hasMessageContaining(" a (kv.Store): state before the upgrade State[name=a, count=5], after the downgrade"
                        + " State[name=a, count=50]");
    }

    @Test
    void withStateRoundTrips_aCheckThatChangesTheState_isReported() {
        Map<String, TestExecutionResult> results = run(storesBumped(kv2)
                .check("2", node -> node.apply("kv.Store", "bump", "a", 1))
                .stateRoundTrips());

        assertThat(results.get(UP).getThrowable().orElseThrow())
                .hasMessageStartingWith("the checks of release 2 changed the state of a server")
                .hasMessageContaining("state before the checks State[name=a, count=5, history=[]], after"
                        + " State[name=a, count=6, history=[bumped by 1]]");
    }

    @Test
    void aStepThatNeverFinishes_failsAfterTheStepTimeout_showingWhatTheBusyProcessesAreDoing() {
        Map<String, TestExecutionResult> results = run(RoundTrip.between(kv1, kv2)
                .check("1", node -> node.run(() -> Proc.receive(m -> false))) // waits for ever
                .stepTimeout(Duration.ofSeconds(1)));

        assertThat(results.get(BOOT).getStatus()).isEqualTo(FAILED);
        assertThat(results.get(BOOT).getThrowable().orElseThrow())
                .hasMessageStartingWith("the step \"boot 1\" did not finish within PT1S; what the node's busy processes were doing:")
                .hasMessageContaining("at dev.graft.testkit.RoundTripTest.lambda$");
        assertThat(results.get(UP).getStatus()).isEqualTo(ABORTED);
    }

    /** Runs a round trip's tests as JUnit runs a user's @TestFactory, and returns what it reported. */
    private static Map<String, TestExecutionResult> run(RoundTrip trip) {
        Generated.trip = trip;
        try {
            return JUnitRun.run(Generated.class);
        } finally {
            Generated.trip = null;
        }
    }

    /** A user's test class returning a round trip; run by the tests above through the launcher. */
    static final class Generated {
        static volatile RoundTrip trip;

        @TestFactory
        Stream<DynamicTest> roundTrip() {
            RoundTrip t = trip;
            Assumptions.assumeTrue(t != null, "run by RoundTripTest");
            return t.tests();
        }
    }
}
