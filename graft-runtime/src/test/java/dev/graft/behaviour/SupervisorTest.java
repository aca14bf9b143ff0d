package dev.graft.behaviour;

import static dev.graft.behaviour.Supervisor.Strategy.ONE_FOR_ALL;
import static dev.graft.behaviour.Supervisor.Strategy.ONE_FOR_ONE;
import static dev.graft.behaviour.Supervisor.Strategy.REST_FOR_ONE;
import static dev.graft.behaviour.Supervisor.Strategy.SIMPLE_ONE_FOR_ONE;
import static dev.graft.behaviour.TestWorker.events;
import static dev.graft.behaviour.TestWorker.pids;
import static dev.graft.behaviour.TestWorker.startedEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.graft.behaviour.ChildSpec.Modules;
import dev.graft.behaviour.ChildSpec.Restart;
import dev.graft.behaviour.ChildSpec.Shutdown;
import dev.graft.behaviour.ChildSpec.Type;
import dev.graft.behaviour.Supervisor.Child;
import dev.graft.behaviour.Supervisor.Counts;
import dev.graft.behaviour.Supervisor.Flags;
import dev.graft.behaviour.Supervisor.Init;
import dev.graft.behaviour.SupervisorError.AlreadyPresent;
import dev.graft.behaviour.SupervisorError.BadStartSpec;
import dev.graft.behaviour.SupervisorError.DuplicateChildName;
import dev.graft.behaviour.SupervisorError.FailedToStartChild;
import dev.graft.behaviour.SupervisorError.InvalidChildSpec;
import dev.graft.behaviour.SupervisorError.InvalidIntensity;
import dev.graft.behaviour.SupervisorError.InvalidModule;
import dev.graft.behaviour.SupervisorError.InvalidModules;
import dev.graft.behaviour.SupervisorError.InvalidRestartType;
import dev.graft.behaviour.SupervisorError.InvalidShutdown;
import dev.graft.behaviour.SupervisorError.MissingId;
import dev.graft.behaviour.SupervisorError.MissingStart;
import dev.graft.behaviour.SupervisorError.NotFound;
import dev.graft.behaviour.SupervisorError.Restarting;
import dev.graft.behaviour.SupervisorError.Running;
import dev.graft.behaviour.SupervisorError.SimpleOneForOne;
import dev.graft.behaviour.SupervisorError.StartFailed;
import dev.graft.behaviour.SupervisorError.StartSpec;
import dev.graft.behaviour.SupervisorError.SupervisorData;
import dev.graft.process.Down;
import dev.graft.process.Exit;
import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import dev.graft.sys.Sys;
import dev.graft.sys.SysState;
import dev.graft.term.Atom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The supervisor's contract (OTP's {@code supervisor}): start order and stop order, the four
 * strategies, restart types, restart intensity, shutdown, nesting, the child requests and their
 * errors, and sys. Workers are {@link TestWorker}s that report their starts and ends to the test.
 */
@ExtendWith(NodeExtension.class)
class SupervisorTest {
    /** How long a test waits for a message that must come: a guard against hangs, not a timing assertion. */
    private static final long PATIENCE = 20_000;
    private static final Atom BOOM = Atom.of("boom");
    private static final Modules WORKER_MODULES = Modules.of(TestWorker.class.getName());

    /** A supervisor whose init returns its start argument: each test writes its tree inline. */
    public static final class Tree implements Supervisor {
        @Override
        public Init init(Object args) {
            return (Init) args;
        }
    }

    // ---- start and stop order ----

    @Test
    void children_startInOrder_andStopInReverseOrder(Node node) throws Exception {
        node.runProcess(() -> {
            // given a supervisor of a, b and c
            Pid sup = startLink(Flags.of(ONE_FOR_ONE), worker("a"), worker("b"), worker("c"));
            // then they started in order
            assertThat(events(3)).containsExactly("started a", "started b", "started c");
            // when it stops
            Ref m = Proc.monitor(sup);
            GenServer.stop(sup);
            // then each was told shutdown and ended before the one started before it
            assertThat(events(3)).containsExactly("terminated c shutdown", "terminated b shutdown", "terminated a shutdown");
            assertThat(awaitDown(m)).isEqualTo(Reason.NORMAL);
            return null;
        });
    }

    @Test
    void theParentsExit_stopsTheSupervisor_afterItsChildren_inReverseOrder(Node node) throws Exception {
        node.runProcess(() -> {
            // given a supervisor linked to a parent
            Pid observer = Proc.self();
            Init tree = Init.of(Flags.of(ONE_FOR_ONE), worker("a"), worker("b"));
            Pid parent = Proc.spawn(() -> {
                Proc.send(observer, Supervisor.startLink(Tree.class, tree).pid());
                Proc.receive();
            });
            Pid sup = Proc.receive(Pid.class, PATIENCE);
            assertThat(events(2)).containsExactly("started a", "started b");
            Ref m = Proc.monitor(sup);
            // when the parent dies
            Proc.exit(parent, Atom.of("going"));
            // then the children stop in reverse order, and the supervisor exits with the parent's reason
            assertThat(events(2)).containsExactly("terminated b shutdown", "terminated a shutdown");
            assertThat(awaitDown(m)).isEqualTo(Atom.of("going"));
            return null;
        });
    }

    // ---- strategies ----

    @Test
    void oneForOne_restartsOnlyTheChildThatDied(Node node) throws Exception {
        node.runProcess(() -> {
            Pid sup = startLink(Flags.of(ONE_FOR_ONE).withIntensity(10, 60), worker("a"), worker("b"), worker("c"));
            List<Pid> before = pids(3);
            // when b is killed
            Proc.exit(before.get(1), Reason.KILL);
            // then b alone is started again
            assertThat(events(1)).containsExactly("started b");
            assertThat(Supervisor.whichChildren(sup)).extracting(Child::id, Child::pid).containsExactly(
                    tuple("c", before.get(2)), tuple("b", pidOf(sup, "b")), tuple("a", before.get(0)));
            assertThat(pidOf(sup, "b")).isNotEqualTo(before.get(1));
            return null;
        });
    }

    @Test
    void oneForAll_stopsTheOthersInReverseOrder_andStartsAllInOrder(Node node) throws Exception {
        node.runProcess(() -> {
            startLink(Flags.of(ONE_FOR_ALL).withIntensity(10, 60), worker("a"), worker("b"), worker("c"));
            List<Pid> before = pids(3);
            // when b crashes
            GenServer.cast(before.get(1), new TestWorker.Die(BOOM));
            // then c and a are stopped, and all three started again
            assertThat(events(6)).containsExactly("terminated b boom", "terminated c shutdown", "terminated a shutdown",
                    "started a", "started b", "started c");
            return null;
        });
    }

    @Test
    void restForOne_restartsTheChildAndTheOnesStartedAfterIt(Node node) throws Exception {
        node.runProcess(() -> {
            Pid sup = startLink(Flags.of(REST_FOR_ONE).withIntensity(10, 60), worker("a"), worker("b"), worker("c"));
            List<Pid> before = pids(3);
            GenServer.cast(before.get(1), new TestWorker.Die(BOOM));
            assertThat(events(4)).containsExactly("terminated b boom", "terminated c shutdown", "started b", "started c");
            assertThat(pidOf(sup, "a")).isEqualTo(before.get(0));
            return null;
        });
    }

    // ---- restart types ----

    @Test
    void aTransientChild_isRestartedOnlyAfterAnAbnormalExit(Node node) throws Exception {
        node.runProcess(() -> {
            Pid sup = startLink(Flags.of(ONE_FOR_ONE).withIntensity(10, 60), worker("a").withRestart(Restart.TRANSIENT));
            // when it ends normally, or with shutdown and a detail
            for (Object normal : List.of(Reason.NORMAL, new ShutdownReason("done"))) {
                die(pids(1).getFirst(), normal);
                // then it stays down, its spec kept
                assertThat(Supervisor.whichChildren(sup)).containsExactly(new Child("a", null, false, Type.WORKER, WORKER_MODULES));
                assertThat(Supervisor.restartChild(sup, "a")).isInstanceOf(StartResult.Ok.class);
            }
            // when it crashes, it is restarted
            die(pids(1).getFirst(), BOOM);
            assertThat(events(1)).containsExactly("started a");
            return null;
        });
    }

    @Test
    void aTemporaryChild_isNeverRestarted_andIsForgotten(Node node) throws Exception {
        node.runProcess(() -> {
            Pid sup = startLink(Flags.of(ONE_FOR_ONE).withIntensity(10, 60),
                    worker("a"), worker("b").withRestart(Restart.TEMPORARY));
            List<Pid> started = pids(2);
            die(started.get(1), BOOM);
            assertThat(Supervisor.whichChildren(sup)).extracting(Child::id).containsExactly("a");
            assertThat(Proc.receive(startedEvent(), 0)).isNull();
            return null;
        });
    }

    // ---- restart intensity ----

    @Test
    void moreRestartsThanTheIntensity_stopTheChildren_andTheSupervisorWithShutdown(Node node) throws Exception {
        node.runProcess(() -> {
            // given a supervisor that allows 1 restart an hour
            Pid sup = Supervisor.start(Tree.class, Init.of(Flags.of(ONE_FOR_ONE).withIntensity(1, 3600),
                    worker("a"), worker("b"))).pid();
            Ref m = Proc.monitor(sup);
            List<Pid> started = pids(2);
            // when a is killed twice
            Proc.exit(started.get(0), Reason.KILL);
            assertThat(events(1)).containsExactly("started a");
            Proc.exit(pidOf(sup, "a"), Reason.KILL);
            // then the second restart is one too many: b is stopped and the supervisor exits shutdown
            assertThat(events(1)).containsExactly("terminated b shutdown");
            assertThat(awaitDown(m)).isEqualTo(Reason.SHUTDOWN);
            assertThat(Proc.isAlive(started.get(1))).isFalse();
            return null;
        });
    }

    // ---- shutdown ----

    @Test
    void aChildThatIgnoresShutdown_isKilledWhenItsShutdownTimeoutPasses(Node node) throws Exception {
        node.runProcess(() -> {
            Pid sup = startLink(Flags.of(ONE_FOR_ONE), stubborn().withShutdown(Shutdown.millis(100)));
            await("ready", "ready"::equals);
            Pid child = pidOf(sup, "stubborn");
            Ref m = Proc.monitor(child);
            // when it is terminated
            assertThat(Supervisor.terminateChild(sup, "stubborn")).isEmpty();
            // then it was sent shutdown, which it trapped, and then it was killed
            assertThat(await("the trapped shutdown", m1 -> m1 instanceof Exit)).isEqualTo(new Exit(sup, Reason.SHUTDOWN));
            assertThat(awaitDown(m)).isEqualTo(Reason.KILLED);
            return null;
        });
    }

    @Test
    void brutalKill_killsTheChildWithoutAskingFirst(Node node) throws Exception {
        node.runProcess(() -> {
            Pid sup = startLink(Flags.of(ONE_FOR_ONE), stubborn().withShutdown(Shutdown.BRUTAL_KILL));
            await("ready", "ready"::equals);
            Ref m = Proc.monitor(pidOf(sup, "stubborn"));
            assertThat(Supervisor.terminateChild(sup, "stubborn")).isEmpty();
            assertThat(awaitDown(m)).isEqualTo(Reason.KILLED);
            assertThat(Proc.receive(m1 -> m1 instanceof Exit, 0)).isNull();
            return null;
        });
    }

    @Test
    void shutdownInfinity_waitsAsLongAsTheChildTakesToStop(Node node) throws Exception {
        node.runProcess(() -> {
            // given a child that, told to stop, cleans up until the test says go
            Pid observer = Proc.self();
            ChildSpec slow = ChildSpec.worker("slow", () -> new StartResult.Ok(Proc.spawnLink(() -> {
                Proc.trapExit(true);
                Proc.send(observer, "ready");
                Exit stop = Proc.receive(Exit.class);
                Proc.send(observer, "cleaning");
                Proc.receive(m -> "go".equals(m));
                throw Proc.exit(stop.reason());
            }))).withShutdown(Shutdown.INFINITY);
            Pid sup = startLink(Flags.of(ONE_FOR_ONE), slow);
            await("ready", "ready"::equals);
            Pid child = pidOf(sup, "slow");
            Ref m = Proc.monitor(child);
            // when another process terminates it
            Proc.spawn(() -> Proc.send(observer, List.of("terminated", Supervisor.terminateChild(sup, "slow"))));
            await("cleaning", "cleaning"::equals);
            // then the supervisor waits for it
            assertThat(Proc.receive(m1 -> m1 instanceof List<?> l && "terminated".equals(l.getFirst()), 0)).isNull();
            Proc.send(child, "go");
            assertThat(await("terminateChild's answer", m1 -> m1 instanceof List<?> l && "terminated".equals(l.getFirst())))
                    .isEqualTo(List.of("terminated", Optional.empty()));
            assertThat(awaitDown(m)).isEqualTo(Reason.SHUTDOWN);
            return null;
        });
    }

    // ---- nesting ----

    @Test
    void aNestedSupervisor_restartsItsOwnChildren_andStopsThemWhenItsParentStops(Node node) throws Exception {
        node.runProcess(() -> {
            // given top -> [inner -> [x], y]
            Init inner = Init.of(Flags.of(ONE_FOR_ONE).withIntensity(10, 60), worker("x"));
            ChildSpec innerSpec = ChildSpec.supervisor("inner", () -> Supervisor.startLink(Tree.class, inner), Tree.class.getName());
            Pid top = startLink(Flags.of(ONE_FOR_ONE), innerSpec, worker("y"));
            List<Pid> started = pids(2);
            Pid innerPid = pidOf(top, "inner");
            assertThat(Supervisor.whichChildren(top)).extracting(Child::id, Child::type)
                    .containsExactly(tuple("y", Type.WORKER), tuple("inner", Type.SUPERVISOR));
            assertThat(Supervisor.countChildren(top)).isEqualTo(new Counts(2, 2, 1, 1));
            assertThat(Supervisor.getChildspec(top, "inner").orElseThrow().shutdown()).isEqualTo(Shutdown.INFINITY);
            // when x dies, inner restarts it and top sees nothing
            Proc.exit(started.get(0), Reason.KILL);
            assertThat(events(1)).containsExactly("started x");
            assertThat(pidOf(top, "inner")).isEqualTo(innerPid);
            // when top stops, y stops, then inner with x
            GenServer.stop(top);
            assertThat(events(2)).containsExactly("terminated y shutdown", "terminated x shutdown");
            assertThat(Proc.isAlive(innerPid)).isFalse();
            return null;
        });
    }

    // ---- the child requests ----

    @Test
    void childRequests_answerWithOtpsErrors(Node node) throws Exception {
        node.runProcess(() -> {
            Pid sup = startLink(Flags.of(ONE_FOR_ONE).withIntensity(10, 60), worker("a"));
            Pid a = pids(1).getFirst();
            // a running child
            assertThat(Supervisor.startChild(sup, worker("a"))).isEqualTo(new StartResult.Error(new StartResult.AlreadyStarted(a)));
            assertThat(Supervisor.restartChild(sup, "a")).isEqualTo(new StartResult.Error(new Running()));
            assertThat(Supervisor.deleteChild(sup, "a")).contains(new Running());
            assertThat(Supervisor.terminateChild(sup, a)).as("a pid is no id here").contains(new NotFound());
            // a stopped child
            assertThat(Supervisor.terminateChild(sup, "a")).isEmpty();
            assertThat(events(1)).containsExactly("terminated a shutdown");
            assertThat(Supervisor.whichChildren(sup)).containsExactly(new Child("a", null, false, Type.WORKER, WORKER_MODULES));
            assertThat(Supervisor.startChild(sup, worker("a"))).isEqualTo(new StartResult.Error(new AlreadyPresent()));
            assertThat(Supervisor.restartChild(sup, "a")).isEqualTo(new StartResult.Ok(pids(1).getFirst()));
            assertThat(Supervisor.terminateChild(sup, "a")).isEmpty();
            assertThat(Supervisor.deleteChild(sup, "a")).isEmpty();
            // no such child
            assertThat(Supervisor.terminateChild(sup, "a")).contains(new NotFound());
            assertThat(Supervisor.restartChild(sup, "a")).isEqualTo(new StartResult.Error(new NotFound()));
            assertThat(Supervisor.deleteChild(sup, "a")).contains(new NotFound());
            assertThat(Supervisor.getChildspec(sup, "a")).isEmpty();
            // bad specs and bad starts
            assertThat(Supervisor.startChild(sup, worker("b").withShutdown(Shutdown.millis(-1))))
                    .isEqualTo(new StartResult.Error(new InvalidShutdown(Shutdown.millis(-1))));
            assertThat(Supervisor.startChild(sup, List.of("x"))).isEqualTo(new StartResult.Error(new InvalidChildSpec(List.of("x"))));
            ChildSpec refusing = ChildSpec.worker("refusing", () -> new StartResult.Error(Atom.of("no")));
            assertThat(Supervisor.startChild(sup, refusing)).isEqualTo(new StartResult.Error(new StartFailed(Atom.of("no"), refusing)));
            // a start that ignores: the spec is kept, unless temporary
            ChildSpec idle = ChildSpec.worker("idle", StartResult.Ignore::new);
            assertThat(Supervisor.startChild(sup, idle)).isEqualTo(new StartResult.Ignore());
            assertThat(Supervisor.startChild(sup, ChildSpec.worker("gone", StartResult.Ignore::new).withRestart(Restart.TEMPORARY)))
                    .isEqualTo(new StartResult.Ignore());
            assertThat(Supervisor.getChildspec(sup, "idle")).containsSame(idle);
            assertThat(Supervisor.whichChildren(sup)).containsExactly(new Child("idle", null, false, Type.WORKER, Modules.of()));
            assertThat(Supervisor.countChildren(sup)).isEqualTo(new Counts(1, 0, 0, 1));
            return null;
        });
    }

    @Test
    void aRestartThatFails_isTriedAgain_andMeanwhileTheChildIsRestarting(Node node) throws Exception {
        node.runProcess(() -> {
            // given a child whose first restart fails once three requests wait for the supervisor
            Pid observer = Proc.self();
            AtomicInteger starts = new AtomicInteger();
            ChildSpec flaky = ChildSpec.worker("flaky", () -> {
                if (starts.incrementAndGet() == 2) {
                    awaitOwnMailbox(3);
                    return new StartResult.Error(Atom.of("not_now"));
                }
                return TestWorker.startLink("flaky", observer);
            });
            Pid sup = startLink(Flags.of(ONE_FOR_ONE).withIntensity(10, 60), flaky);
            Pid first = pids(1).getFirst();
            // when the child dies (its Exit reaches the supervisor before its Down reaches us)
            // and requests come while its restart fails
            Ref m = Proc.monitor(first);
            Proc.exit(first, Reason.KILL);
            awaitDown(m);
            ask(() -> Supervisor.whichChildren(sup));
            ask(() -> Supervisor.restartChild(sup, "flaky"));
            ask(() -> Supervisor.deleteChild(sup, "flaky"));
            // then they, taken before the retry, see it restarting
            assertThat(answers(3)).containsExactlyInAnyOrder(
                    List.of(new Child("flaky", null, true, Type.WORKER, Modules.of())),
                    new StartResult.Error(new Restarting()),
                    Optional.of(new Restarting()));
            // and the retry starts it
            assertThat(events(1)).containsExactly("started flaky");
            assertThat(Supervisor.deleteChild(sup, "flaky")).contains(new Running());
            return null;
        });
    }

    // ---- simple_one_for_one ----

    @Test
    void simpleOneForOne_startsChildrenWithExtraArgs_namesThemByPid_andRestartsThemWithTheSameArgs(Node node) throws Exception {
        node.runProcess(() -> {
            Pid observer = Proc.self();
            ChildSpec template = ChildSpec.worker("conn",
                    extra -> TestWorker.startLink((String) extra.getFirst(), observer), TestWorker.class.getName());
            Pid sup = startLink(Flags.of(SIMPLE_ONE_FOR_ONE).withIntensity(10, 60), template);
            // when two children are started
            Pid c1 = Supervisor.startChild(sup, List.of("c1")).pid();
            Pid c2 = Supervisor.startChild(sup, List.of("c2")).pid();
            assertThat(events(2)).containsExactly("started c1", "started c2");
            assertThat(Supervisor.whichChildren(sup)).containsExactlyInAnyOrder(
                    new Child(null, c1, false, Type.WORKER, WORKER_MODULES), new Child(null, c2, false, Type.WORKER, WORKER_MODULES));
            assertThat(Supervisor.countChildren(sup)).isEqualTo(new Counts(1, 2, 0, 2));
            // then a dead one is started again with its arguments
            Proc.exit(c1, Reason.KILL);
            assertThat(events(1)).containsExactly("started c1");
            Pid c1again = pidOf(sup, c -> !c.pid().equals(c2));
            // requests by id, and the ones it does not take
            assertThat(Supervisor.terminateChild(sup, "conn")).contains(new SimpleOneForOne());
            assertThat(Supervisor.restartChild(sup, "conn")).isEqualTo(new StartResult.Error(new SimpleOneForOne()));
            assertThat(Supervisor.deleteChild(sup, "conn")).contains(new SimpleOneForOne());
            assertThat(Supervisor.startChild(sup, worker("x"))).isEqualTo(new StartResult.Error(new SimpleOneForOne()));
            assertThat(Supervisor.getChildspec(sup, "conn")).containsSame(template);
            assertThat(Supervisor.getChildspec(sup, c1again)).containsSame(template);
            assertThat(Supervisor.getChildspec(sup, Proc.self())).as("alive, not a child").isEmpty();
            assertThat(Supervisor.terminateChild(sup, Proc.self())).contains(new NotFound());
            // terminate by pid
            assertThat(Supervisor.terminateChild(sup, c2)).isEmpty();
            assertThat(events(1)).containsExactly("terminated c2 shutdown");
            // when it stops, it stops the rest
            GenServer.stop(sup);
            assertThat(events(1)).containsExactly("terminated c1 shutdown");
            return null;
        });
    }

    @Test
    void aStartWithoutArguments_givenExtraArgs_failsAndSaysSo(Node node) throws Exception {
        node.runProcess(() -> {
            Pid sup = startLink(Flags.of(SIMPLE_ONE_FOR_ONE), worker("t"));
            assertThat(Supervisor.startChild(sup, List.of(1))).isInstanceOfSatisfying(StartResult.Error.class,
                    e -> assertThat((Throwable) e.reason()).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("takes no extra arguments"));
            assertThat(Supervisor.startChild(sup, Arrays.asList((Object) null))).as("null reaches the start").isInstanceOfSatisfying(
                    StartResult.Error.class, e -> assertThat((Throwable) e.reason()).hasMessageContaining("got [null]"));
            assertThat(Supervisor.startChild(sup, List.of())).isInstanceOf(StartResult.Ok.class);
            return null;
        });
    }

    // ---- starts that fail, and spec checks ----

    @Test
    void aSupervisorThatCannotStart_saysWhyAsOtpDoes(Node node) throws Exception {
        node.runProcess(() -> {
            assertThat(start(Init.ignore())).isEqualTo(new StartResult.Ignore());
            assertThat(start(Init.of(new Flags(ONE_FOR_ONE, -1, 5))))
                    .isEqualTo(new StartResult.Error(new SupervisorData(new InvalidIntensity(-1))));
            assertThat(start(Init.of(Flags.of(ONE_FOR_ONE), worker("a").withShutdown(Shutdown.millis(-5)))))
                    .isEqualTo(new StartResult.Error(new StartSpec(new InvalidShutdown(Shutdown.millis(-5)))));
            assertThat(start(Init.of(Flags.of(ONE_FOR_ONE), worker("a"), worker("a"))))
                    .isEqualTo(new StartResult.Error(new StartSpec(new DuplicateChildName("a"))));
            List<ChildSpec> two = List.of(worker("a"), worker("b"));
            assertThat(start(Init.of(Flags.of(SIMPLE_ONE_FOR_ONE), two))).isEqualTo(new StartResult.Error(new BadStartSpec(two)));
            assertThat(Proc.receive(startedEvent(), 0)).as("no child started").isNull();
            return null;
        });
    }

    @Test
    void aChildThatFailsToStart_stopsTheOnesStartedBefore_andTheSupervisor(Node node) throws Exception {
        node.runProcess(() -> {
            StartResult r = start(Init.of(Flags.of(ONE_FOR_ONE),
                    worker("a"), ChildSpec.worker("b", () -> new StartResult.Error(BOOM)), worker("c")));
            assertThat(r).isEqualTo(new StartResult.Error(new ShutdownReason(new FailedToStartChild("b", BOOM))));
            assertThat(events(2)).containsExactly("started a", "terminated a shutdown");
            assertThat(Proc.receive(startedEvent(), 0)).as("c never started").isNull();
            return null;
        });
    }

    @Test
    void checkChildspecs_givesTheFirstBadFieldWithItsValue() {
        ChildSpec ok = ChildSpec.worker("a", StartResult.Ignore::new);
        assertThat(Supervisor.checkChildspecs(List.of(ok, ok.withShutdown(Shutdown.BRUTAL_KILL).withRestart(Restart.TRANSIENT)
                .withModules(Modules.DYNAMIC)))).contains(new DuplicateChildName("a"));
        assertThat(Supervisor.checkChildspecs(List.of(ok))).isEmpty();
        assertThat(Supervisor.checkChildspecs(Arrays.asList(ok, null))).contains(new InvalidChildSpec(null));
        assertThat(Supervisor.checkChildspecs(List.of(ChildSpec.worker(null, StartResult.Ignore::new)))).contains(new MissingId());
        assertThat(Supervisor.checkChildspecs(List.of(ChildSpec.worker("a", (Supplier<StartResult>) null)))).contains(new MissingStart());
        assertThat(Supervisor.checkChildspecs(List.of(ok.withRestart(null)))).contains(new InvalidRestartType(null));
        assertThat(Supervisor.checkChildspecs(List.of(ok.withShutdown(Shutdown.millis(-1))))).contains(new InvalidShutdown(Shutdown.millis(-1)));
        assertThat(Supervisor.checkChildspecs(List.of(ok.withModules(null)))).contains(new InvalidModules(null));
        assertThat(Supervisor.checkChildspecs(List.of(ok.withModules(Modules.of("m", null))))).contains(new InvalidModule(null));
        assertThat(new InvalidShutdown(Shutdown.millis(-1))).hasToString("{invalid_shutdown,-1}");
    }

    // ---- sys and names ----

    @Test
    void aSupervisor_speaksSys_andIsFoundByName(Node node) throws Exception {
        node.runProcess(() -> {
            Pid sup = Supervisor.start("top", Tree.class, Init.of(Flags.of(ONE_FOR_ONE), worker("a"))).pid();
            assertThat(Supervisor.start("top", Tree.class, Init.ignore()))
                    .isEqualTo(new StartResult.Error(new StartResult.AlreadyStarted(sup)));
            Sys.suspend("top");
            assertThat(Sys.getStatus(sup).sysState()).isEqualTo(SysState.SUSPENDED);
            assertThat(Supervisor.getCallbackModule("top")).contains(Tree.class.getName());
            Sys.resume("top");
            assertThat(Supervisor.whichChildren("top")).extracting(Child::id).containsExactly("a");
            assertThat(Sys.getState(sup)).asString().startsWith("{state," + Tree.class.getName() + ",one_for_one,1,5,[Entry[");
            Pid worker = TestWorker.startLink("w", Proc.self()).pid();
            assertThat(Supervisor.getCallbackModule(worker)).as("not a supervisor").isEmpty();
            GenServer.stop("top");
            return null;
        });
    }

    // ---- helpers ----

    /** A supervisor of {@link Tree} with these flags and children, linked to the test. */
    private static Pid startLink(Flags flags, ChildSpec... children) {
        return Supervisor.startLink(Tree.class, Init.of(flags, children)).pid();
    }

    private static StartResult start(Init init) {
        return Supervisor.start(Tree.class, init);
    }

    /** A {@link TestWorker} that reports to the calling process. */
    private static ChildSpec worker(String name) {
        Pid observer = Proc.self();
        return ChildSpec.worker(name, () -> TestWorker.startLink(name, observer), TestWorker.class.getName());
    }

    /** A plain process that traps exits, forwards what it receives to the test, and never stops by itself. */
    private static ChildSpec stubborn() {
        Pid observer = Proc.self();
        return ChildSpec.worker("stubborn", () -> new StartResult.Ok(Proc.spawnLink(() -> {
            Proc.trapExit(true);
            Proc.send(observer, "ready");
            for (;;) {
                Proc.send(observer, Proc.receive());
            }
        })));
    }

    /** Makes a worker stop with {@code reason}, and waits until it is gone (its supervisor has its Exit by then). */
    private static void die(Pid worker, Object reason) {
        Ref m = Proc.monitor(worker);
        GenServer.cast(worker, new TestWorker.Die(reason));
        awaitDown(m);
        String said = events(1).getFirst();
        assertThat(said).startsWith("terminated");
    }

    private static Pid pidOf(Pid sup, Object id) {
        return pidOf(sup, c -> id.equals(c.id()));
    }

    private static Pid pidOf(Pid sup, Predicate<Child> which) {
        return Supervisor.whichChildren(sup).stream().filter(which).findFirst().orElseThrow().pid();
    }

    /** Asks the supervisor from another process, whose answer comes as {@code ["answer", value]}. */
    private static void ask(Supplier<Object> request) {
        Pid observer = Proc.self();
        Proc.spawn(() -> Proc.send(observer, List.of("answer", request.get())));
    }

    private static List<Object> answers(int n) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(((List<?>) await("an answer", m -> m instanceof List<?> l && "answer".equals(l.getFirst()))).get(1));
        }
        return out;
    }

    /** In the supervisor, inside a child's start: waits until {@code n} messages wait in its mailbox. */
    private static void awaitOwnMailbox(int n) {
        long deadline = System.nanoTime() + PATIENCE * 1_000_000L;
        while (Proc.info(Proc.self()).orElseThrow().messageQueueLength() < n) {
            if (System.nanoTime() > deadline) {
                fail("the requests never reached the supervisor");
            }
            Proc.yield();
        }
    }

    private static Object awaitDown(Ref ref) {
        return ((Down) await("DOWN for " + ref, m -> m instanceof Down d && d.ref() == ref)).reason();
    }

    private static Object await(String what, Predicate<Object> pattern) {
        Object m = Proc.receive(pattern, PATIENCE);
        if (m == null) {
            fail("no message came: " + what);
        }
        return m;
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
