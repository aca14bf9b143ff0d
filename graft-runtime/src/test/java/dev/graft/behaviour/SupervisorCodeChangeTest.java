package dev.graft.behaviour;

import static dev.graft.behaviour.TestWorker.events;
import static dev.graft.behaviour.TestWorker.pids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.behaviour.ChildSpec.Modules;
import dev.graft.behaviour.ChildSpec.Shutdown;
import dev.graft.behaviour.ChildSpec.Type;
import dev.graft.behaviour.Supervisor.Child;
import dev.graft.behaviour.SupervisorError.BadStartSpec;
import dev.graft.behaviour.SupervisorError.InvalidShutdown;
import dev.graft.behaviour.SupervisorError.InvalidStrategy;
import dev.graft.code.BadFun;
import dev.graft.code.LabTest;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.sys.CodeChangeException;
import dev.graft.sys.Sys;
import dev.graft.sys.SysState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A supervisor's code change (reference §4.3, experiment E6): suspend, load the callback
 * module's next version, {@link Sys#changeCode}, resume. The new version's init runs with the
 * start arguments and its specs are merged into the running supervisor. Versions of the
 * supervisor module {@code sup.Sup} are compiled from Java text at test time; its children are
 * {@link TestWorker}s reporting to the test process, the start argument.
 */
class SupervisorCodeChangeTest extends LabTest {
    private static final String SUP = "sup.Sup";

    /** v1: one_for_one of a (shutdown 2000 ms) and b. */
    private static final String V1 = sup("""
            return Init.of(Flags.of(Strategy.ONE_FOR_ONE).withIntensity(10, 60),
                    ChildSpec.worker("a", () -> TestWorker.startLink("a", observer), "w.A").withShutdown(Shutdown.millis(2000)),
                    ChildSpec.worker("b", () -> TestWorker.startLink("b", observer), "w.B"));
            """);

    /** v2 of E6: one_for_all; a, brutally killed and started under a new name; a new child c; b left out. */
    private static final String V2 = sup("""
            return Init.of(Flags.of(Strategy.ONE_FOR_ALL).withIntensity(10, 60),
                    ChildSpec.worker("a", () -> TestWorker.startLink("a2", observer), "w.A").withShutdown(Shutdown.BRUTAL_KILL),
                    ChildSpec.worker("c", () -> TestWorker.startLink("c", observer), "w.C"));
            """);

    /** v2 that breaks a's shutdown. */
    private static final String V2_BAD = sup("""
            return Init.of(Flags.of(Strategy.ONE_FOR_ALL).withIntensity(10, 60),
                    ChildSpec.worker("a", () -> TestWorker.startLink("a2", observer), "w.A").withShutdown(Shutdown.millis(-1)),
                    ChildSpec.worker("c", () -> TestWorker.startLink("c", observer), "w.C"));
            """);

    /** a is started by {M, F, A}, OTP's own form; b by a lambda of the version of sup.Sup that made it. */
    private static final String MFA = sup("""
            return Init.of(Flags.of(Strategy.ONE_FOR_ONE).withIntensity(10, 60),
                    ChildSpec.worker("a", ChildStart.apply("w.Starter", "startLink", "a", observer), "w.Starter"),
                    ChildSpec.worker("b", () -> TestWorker.startLink("b", observer), "w.B"));
            """);

    /** The module a's {M, F, A} names. */
    private static final String STARTER = """
            package w;

            import dev.graft.behaviour.StartResult;
            import dev.graft.behaviour.TestWorker;

            public final class Starter {
                public static StartResult startLink(String name, Object observer) {
                    return TestWorker.startLink(name, observer);
                }
            }
            """;

    private static final String IGNORE = sup("return Init.ignore();");

    /** simple_one_for_one whose children are named after the version that started them. */
    private static final String SIMPLE = sup("""
            return Init.of(Flags.of(Strategy.SIMPLE_ONE_FOR_ONE).withIntensity(10, 60),
                    ChildSpec.worker("w", extra -> TestWorker.startLink("v$V " + extra.getFirst(), observer), "w.W"));
            """);

    private static final String SIMPLE_TWO_SPECS = sup("""
            return Init.of(Flags.of(Strategy.SIMPLE_ONE_FOR_ONE),
                    ChildSpec.worker("w", extra -> TestWorker.startLink("x", observer)),
                    ChildSpec.worker("v", extra -> TestWorker.startLink("y", observer)));
            """);

    private static final String NOT_SIMPLE = sup("""
            return Init.of(Flags.of(Strategy.ONE_FOR_ONE), ChildSpec.worker("w", () -> TestWorker.startLink("x", observer)));
            """);

    /** The module {@code sup.Sup}, whose init runs {@code body} with the observer pid as {@code observer}. */
    private static String sup(String body) {
        return """
                package sup;

                import dev.graft.behaviour.ChildSpec;
                import dev.graft.behaviour.ChildSpec.Shutdown;
                import dev.graft.behaviour.ChildStart;
                import dev.graft.behaviour.Supervisor;
                import dev.graft.behaviour.TestWorker;

                @dev.graft.code.Vsn("$V")
                public final class Sup implements Supervisor {
                    @Override
                    public Init init(Object observer) {
                        BODY
                    }
                }
                """.replace("BODY", body);
    }

    @Test
    void aCodeChange_keepsRunningChildrenUnderTheirNewSpecs_keepsMissingOnes_addsNewOnesUnstarted_andTakesTheNewFlags()
            throws Exception {
        lab.inProcess(() -> {
            // given v1 running a and b
            Pid sup = startLink(lab.loaded(SUP, V1, 1).moduleClass());
            List<Pid> ab = pids(2);
            // when v2 is loaded and the supervisor changes code
            upgrade(sup, V2);
            // then a runs on under its new spec, b is kept, c is added but not started, in the new order
            assertThat(Supervisor.whichChildren(sup)).containsExactly(
                    new Child("b", ab.get(1), false, Type.WORKER, Modules.of("w.B")),
                    new Child("c", null, false, Type.WORKER, Modules.of("w.C")),
                    new Child("a", ab.get(0), false, Type.WORKER, Modules.of("w.A")));
            assertThat(Supervisor.getChildspec(sup, "a").orElseThrow().shutdown()).isEqualTo(Shutdown.BRUTAL_KILL);
            assertThat(Supervisor.getChildspec(sup, "b").orElseThrow().shutdown()).isEqualTo(Shutdown.millis(5000));
            assertThat(Supervisor.getCallbackModule(sup)).contains(SUP);
            // and c starts when asked to
            assertThat(Supervisor.restartChild(sup, "c")).isInstanceOf(StartResult.Ok.class);
            assertThat(events(1)).containsExactly("started c");
            // and the strategy is now one_for_all, a's start v2's
            Proc.exit(ab.get(0), Reason.KILL);
            assertThat(events(5)).containsExactly("terminated b shutdown", "terminated c shutdown",
                    "started a2", "started c", "started b");
        });
    }

    @Test
    void aCodeChangeWithABadSpec_failsWithTheSpecsError_andChangesNothing() throws Exception {
        lab.inProcess(() -> {
            Pid sup = startLink(lab.loaded(SUP, V1, 1).moduleClass());
            List<Pid> ab = pids(2);
            List<Child> before = Supervisor.whichChildren(sup);
            Sys.suspend(sup);
            lab.loaded(SUP, V2_BAD, 2);
            assertThatThrownBy(() -> Sys.changeCode(sup, SUP, "1", null))
                    .isInstanceOfSatisfying(CodeChangeException.class,
                            e -> assertThat(e.reason()).isEqualTo(new InvalidShutdown(Shutdown.millis(-1))));
            assertThat(Sys.getStatus(sup).sysState()).isEqualTo(SysState.SUSPENDED);
            Sys.resume(sup);
            assertThat(Supervisor.whichChildren(sup)).isEqualTo(before);
            assertThat(Supervisor.getChildspec(sup, "a").orElseThrow().shutdown()).isEqualTo(Shutdown.millis(2000));
            // still one_for_one
            Proc.exit(ab.get(1), Reason.KILL);
            assertThat(events(1)).containsExactly("started b");
        });
    }

    @Test
    void aSupervisorModuleReloadedAndPurgedWithoutACodeChange_restartsAChildStartedByMFA_butNotOneStartedByALambdaOfThePurgedVersion()
            throws Exception {
        lab.inProcess(() -> {
            // given v1, whose a is started by {w.Starter, startLink, ["a", observer]} and b by a lambda
            lab.loaded("w.Starter", STARTER, 1);
            Pid sup = startLink(lab.loaded(SUP, MFA, 1).moduleClass());
            List<Pid> ab = pids(2);
            assertThat(Supervisor.getChildspec(sup, "a").orElseThrow().start())
                    .hasToString("{w.Starter,startLink,[a, " + Proc.self() + "]}");
            // when sup.Sup is reloaded with no code change (load_module) and v1 is purged
            lab.loaded(SUP, MFA, 2);
            assertThat(lab.code.purge(SUP)).isFalse();
            // then a, killed, is restarted through w.Starter's current version
            Proc.exit(ab.get(0), Reason.KILL);
            assertThat(events(1)).containsExactly("started a");
            // while b's start, a lambda of the purged v1, is a badfun
            ChildStart b = Supervisor.getChildspec(sup, "b").orElseThrow().start();
            assertThatThrownBy(() -> b.start(List.of())).isInstanceOf(BadFun.class);
        });
    }

    @Test
    void anInitThatIgnores_changesNothing() throws Exception {
        lab.inProcess(() -> {
            Pid sup = startLink(lab.loaded(SUP, V1, 1).moduleClass());
            pids(2);
            List<Child> before = Supervisor.whichChildren(sup);
            upgrade(sup, IGNORE);
            assertThat(Supervisor.whichChildren(sup)).isEqualTo(before);
            assertThat(Supervisor.getChildspec(sup, "a").orElseThrow().shutdown()).isEqualTo(Shutdown.millis(2000));
        });
    }

    @Test
    void underSimpleOneForOne_theNewSpecStartsNewChildren_andRunningOnesAreLeftAlone() throws Exception {
        lab.inProcess(() -> {
            Pid sup = startLink(lab.loaded(SUP, SIMPLE, 1).moduleClass());
            Pid x = Supervisor.startChild(sup, List.of("x")).pid();
            assertThat(events(1)).containsExactly("started v1 x");
            upgrade(sup, SIMPLE);
            assertThat(Supervisor.whichChildren(sup)).extracting(Child::pid).containsExactly(x);
            Supervisor.startChild(sup, List.of("y"));
            assertThat(events(1)).containsExactly("started v2 y");
            // a restart takes the new spec, with the child's own arguments
            Proc.exit(x, Reason.KILL);
            assertThat(events(1)).containsExactly("started v2 x");
        });
    }

    @Test
    void underSimpleOneForOne_aChangeToOtherThanOneSpec_orToAnotherStrategy_isRefused() throws Exception {
        lab.inProcess(() -> {
            Pid sup = startLink(lab.loaded(SUP, SIMPLE, 1).moduleClass());
            Pid x = Supervisor.startChild(sup, List.of("x")).pid();
            Sys.suspend(sup);
            lab.loaded(SUP, SIMPLE_TWO_SPECS, 2);
            assertThatThrownBy(() -> Sys.changeCode(sup, SUP, "1", null))
                    .isInstanceOfSatisfying(CodeChangeException.class,
                            e -> assertThat(e.reason()).isInstanceOf(BadStartSpec.class));
            // the supervisor runs no module code while it waits: purging v1 leaves it alone
            assertThat(lab.code.purge(SUP)).isFalse();
            lab.loaded(SUP, NOT_SIMPLE, 3);
            assertThatThrownBy(() -> Sys.changeCode(sup, SUP, "2", null))
                    .isInstanceOfSatisfying(CodeChangeException.class,
                            e -> assertThat(e.reason()).isEqualTo(new InvalidStrategy(Supervisor.Strategy.ONE_FOR_ONE)));
            Sys.resume(sup);
            assertThat(Supervisor.whichChildren(sup)).extracting(Child::pid).containsExactly(x);
        });
    }

    // ---- helpers ----

    /** The supervisor of module class {@code sup}, linked to the test process, which its children report to. */
    private static Pid startLink(Class<?> sup) {
        return Supervisor.startLink(sup.asSubclass(Supervisor.class), Proc.self()).pid();
    }

    /** The release handler's way: suspend, load the next version, change code, resume. */
    private void upgrade(Pid sup, String next) {
        Sys.suspend(sup);
        lab.loaded(SUP, next, 2);
        Sys.changeCode(sup, SUP, "1", null);
        Sys.resume(sup);
    }
}
