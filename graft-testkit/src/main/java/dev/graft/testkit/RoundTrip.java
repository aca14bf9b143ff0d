package dev.graft.testkit;

import dev.graft.behaviour.BehaviourIndex;
import dev.graft.code.ModuleBinary;
import dev.graft.code.ModuleVersion;
import dev.graft.process.Pid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * The generated round-trip test of an upgrade: for releases A and B, dynamic tests that boot A,
 * upgrade to B, downgrade to A and upgrade to B again, on one {@link ReleaseNode}. Each step
 * installs its release and makes it permanent, as {@code graft upgrade} and {@code graft
 * downgrade} do, so the processes a brutal post-purge kills at make_permanent die within the
 * step. After each step it checks that
 * <ul>
 *   <li>the release handler reports the release the step went to as current;</li>
 *   <li>every module of that release is loaded at the version the release ships (the same
 *       bytecode), and no module that only the other release ships is still loaded;</li>
 *   <li>every behaviour process of the release's modules ({@link BehaviourIndex}) runs no old
 *       code, so its generic loop calls its callback module's current version;</li>
 *   <li>no process alive before the step was killed during it, as a purge kills the processes
 *       still running the code it removes;</li>
 *   <li>the test's own checks for that release pass;</li>
 *   <li>with {@link #stateRoundTrips()}, every GenServer's state after the downgrade is its
 *       state before the upgrade, and after the second upgrade its state after the first.</li>
 * </ul>
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> kvUpgrade() {
 *     return RoundTrip.between(KV_1, KV_2)
 *             .given(node -> node.apply("kv.Store", "bump", "a", 5))
 *             .check("1", node -> assertThat(node.apply("kv.Label", "of", 1)).isEqualTo("v1:1"))
 *             .check("2", node -> assertThat(node.state(node.whereis("a")))
 *                     .hasToString("State[name=a, count=5, history=[]]"))
 *             .stateRoundTrips()
 *             .tests();
 * }
 * }</pre>
 *
 * A step that fails fails its dynamic test with every problem it found; the steps after it are
 * aborted (skipped), naming the step that failed. An install the release handler rolled back
 * is reported as such, with its reason ({@link ReleaseFailure}). The node is stopped, and its
 * releases root deleted, when JUnit closes the stream (of the tests, or of the container's
 * children). Not thread-safe: configure it in one
 * thread; each {@link #tests()} runs on a node of its own.
 */
public final class RoundTrip {
    /** What a test checks, or does, on the node at a step: assertions throw, as in any test. */
    @FunctionalInterface
    public interface Check {
        void check(ReleaseNode node) throws Exception;
    }

    private final Path releaseA;
    private final Path releaseB;
    private final String a;
    private final String b;
    private Check given = node -> { };
    private final Map<String, List<Check>> checks = new LinkedHashMap<>();
    private boolean stateRoundTrips;
    private Duration stepTimeout;

    private RoundTrip(Path releaseA, Path releaseB) {
        this.releaseA = releaseA;
        this.releaseB = releaseB;
        this.a = ReleaseFiles.vsnOf(releaseA);
        this.b = ReleaseFiles.vsnOf(releaseB);
        if (a.equals(b)) {
            throw new IllegalArgumentException(releaseA + " and " + releaseB + " are both release " + a
                    + "; a round trip goes between two versions");
        }
        checks.put(a, new ArrayList<>());
        checks.put(b, new ArrayList<>());
    }

    /**
     * The round trip between release A, booted first, and release B, which must have a relup
     * upgrading from A and downgrading to it (archives or release directories).
     */
    public static RoundTrip between(Path releaseA, Path releaseB) {
        return new RoundTrip(releaseA, releaseB);
    }

    /** Drives the node once release A is booted, before any check: start servers, put data in them. */
    public RoundTrip given(Check setup) {
        this.given = setup;
        return this;
    }

    /** Adds a check run after every step that lands on release {@code vsn}, A's or B's. */
    public RoundTrip check(String vsn, Check check) {
        List<Check> forVsn = checks.get(vsn);
        if (forVsn == null) {
            throw new IllegalArgumentException("a check for release " + vsn + ", and this round trip goes between "
                    + a + " and " + b);
        }
        forVsn.add(check);
        return this;
    }

    /**
     * Also checks that each GenServer's state survives the trip: after the downgrade it is what it
     * was before the upgrade, and after the second upgrade what it was after the first. For state
     * that round-trips (B's codeChange down undoes its codeChange up). The checks must then leave
     * the state as they found it; a check that changes it is reported.
     */
    public RoundTrip stateRoundTrips() {
        this.stateRoundTrips = true;
        return this;
    }

    /**
     * Fails a step that has not finished after {@code timeout} — an install that waits for ever,
     * a check that never returns — with what the node's busy processes are doing, instead of
     * letting the build hang. The step runs in a thread of its own ({@code assertTimeoutPreemptively}).
     */
    public RoundTrip stepTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a step timeout is positive, not " + timeout);
        }
        this.stepTimeout = timeout;
        return this;
    }

    /** The dynamic tests, one per step, for a {@code @TestFactory} to return. */
    public Stream<DynamicTest> tests() {
        Trip trip = new Trip();
        return Stream.of(
                trip.step("boot " + a, trip::boot),
                trip.step("upgrade " + a + " → " + b, () -> trip.upgrade("upgrade " + a + " → " + b, false)),
                trip.step("downgrade " + b + " → " + a, trip::downgrade),
                trip.step("upgrade " + a + " → " + b + " again", () -> trip.upgrade("upgrade " + a + " → " + b + " again", true))
        ).onClose(trip::close);
    }

    /**
     * The tests in one container named {@code A ⇄ B}, for a {@code @TestFactory} that returns
     * the round trips of several pairs of releases.
     */
    public DynamicContainer container() {
        return DynamicContainer.dynamicContainer(a + " ⇄ " + b, tests());
    }

    /** One run of the round trip: its node, what it remembers between steps, and the step that failed. */
    private final class Trip {
        /** Written by the step that boots, which may run in a thread of the step timeout's; read by later steps and close. */
        private volatile ReleaseNode node;
        private volatile String failed;
        /** The servers' states before the first upgrade, and after it; with stateRoundTrips only. */
        private StateSnapshot beforeUpgrade;
        private StateSnapshot afterUpgrade;

        DynamicTest step(String name, Executable body) {
            return DynamicTest.dynamicTest(name, () -> {
                if (failed != null) {
                    Assumptions.abort("not run: the step \"" + failed + "\" failed");
                }
                try {
                    if (stepTimeout == null) {
                        body.execute();
                    } else {
                        Assertions.assertTimeoutPreemptively(stepTimeout, body, () -> "the step \"" + name
                                + "\" did not finish within " + stepTimeout + "; what the node's busy processes were doing:"
                                + (node == null ? " no node yet" : BusyProcesses.describe(node.node())) + "\n");
                    }
                } catch (Throwable t) {
                    failed = name;
                    throw t;
                }
            });
        }

        void boot() throws Exception {
            node = ReleaseNode.boot(releaseA);
            node.unpack(releaseB);
            given.check(node);
            verify("after booting " + a, a, List.of());
            beforeUpgrade = runChecks(a);
        }

        void upgrade(String name, boolean again) throws Exception {
            ProcessWatch watch = ProcessWatch.start(node.node());
            node.upgrade(b);
            node.makePermanent();
            verify("after " + name, b, watch.killed());
            StateSnapshot upgraded = roundTrip(again ? afterUpgrade : null, "after the first upgrade", "after the second");
            afterUpgrade = upgraded;
            runChecks(b);
        }

        void downgrade() throws Exception {
            ProcessWatch watch = ProcessWatch.start(node.node());
            node.downgrade(a);
            node.makePermanent();
            verify("after downgrade " + b + " → " + a, a, watch.killed());
            roundTrip(beforeUpgrade, "before the upgrade", "after the downgrade");
            runChecks(a);
        }

        /**
         * With stateRoundTrips: the states now, failing the step if {@code expected} (when not
         * null) differs from them. Without: null.
         */
        private StateSnapshot roundTrip(StateSnapshot expected, String then, String now) {
            if (!stateRoundTrips) {
                return null;
            }
            StateSnapshot snapshot = StateSnapshot.take(node);
            if (expected != null) {
                fail(now + ", the state did not round-trip:", expected.differences(snapshot, node, then, now));
            }
            return snapshot;
        }

        /** Runs the checks of release {@code vsn}; with stateRoundTrips, fails if they changed a state, and returns it. */
        private StateSnapshot runChecks(String vsn) throws Exception {
            StateSnapshot before = stateRoundTrips ? StateSnapshot.take(node) : null;
            for (Check c : checks.get(vsn)) {
                c.check(node);
            }
            if (before == null) {
                return null;
            }
            StateSnapshot after = StateSnapshot.take(node);
            fail("the checks of release " + vsn + " changed the state of a server, so the round trip of its state cannot be"
                    + " checked; with stateRoundTrips, checks must leave the state as they found it:",
                    before.differences(after, node, "before the checks", "after"));
            return after;
        }

        /** The checks every step makes; fails with every problem found. */
        private void verify(String when, String vsn, List<ProcessWatch.Death> killed) {
            List<String> problems = new ArrayList<>();
            String current = node.currentRelease().vsn();
            if (!current.equals(vsn)) {
                problems.add("the release handler reports release " + current + " as current, not " + vsn
                        + " (releases: " + node.whichReleases() + ")");
            }
            Map<String, ModuleBinary> shipped = node.modules(vsn);
            shipped.forEach((module, binary) -> {
                Optional<ModuleVersion> loaded = node.codeServer().isLoaded(module);
                if (loaded.isEmpty()) {
                    problems.add("module " + module + " of release " + vsn + " is not loaded");
                } else if (!loaded.get().md5().equals(binary.md5())) {
                    problems.add("module " + module + " runs version " + loaded.get().vsn() + " (md5 " + loaded.get().md5()
                            + "), release " + vsn + " ships version " + binary.vsn() + " (md5 " + binary.md5() + ")");
                }
            });
            String other = vsn.equals(a) ? b : a;
            node.modules(other).keySet().stream().filter(m -> !shipped.containsKey(m)).forEach(m ->
                    node.codeServer().isLoaded(m).ifPresent(v -> problems.add("module " + m + " (version " + v.vsn()
                            + "), which only release " + other + " ships, is still loaded: does the appup delete it?")));
            node.behaviourProcesses().forEach((module, pids) -> {
                for (Pid p : pids) {
                    if (node.node().info(p).isEmpty()) {
                        problems.add("behaviour process " + p + " of " + module + " is not alive");
                    } else if (node.codeServer().checkProcessCode(p, module)) {
                        problems.add("behaviour process " + p + " of " + module + " still runs old code of " + module);
                    }
                }
            });
            for (ProcessWatch.Death d : killed) {
                problems.add("process " + d + " was killed during the step, as a purge kills the processes still"
                        + " running the code it removes");
            }
            fail(when + ":", problems);
        }

        private static void fail(String heading, List<String> problems) {
            if (!problems.isEmpty()) {
                throw new AssertionError(heading + "\n  - " + String.join("\n  - ", problems));
            }
        }

        void close() {
            if (node != null) {
                node.close();
            }
        }
    }
}
