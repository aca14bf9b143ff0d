package dev.graft.process;

import static dev.graft.process.Procs.awaitDown;
import static dev.graft.process.Procs.awaitExit;
import static dev.graft.process.Procs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class SpawnTest {
    record Hello(Pid from) {}

    @Test
    void spawn_lambda_runsTheBodyInANewProcessWithItsOwnPid(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();

            // when
            Pid child = Proc.spawn(() -> Proc.send(parent, new Hello(Proc.self())));

            // then
            Hello hello = Proc.receive(Hello.class);
            assertThat(hello.from()).isSameAs(child).isNotSameAs(parent);
        });
    }

    @Test
    void spawn_moduleFunction_callsThePublicStaticFunctionWithTheArguments(Node node) throws Exception {
        run(node, () -> {
            // when
            Proc.spawn(TestModule.class, "greet", Proc.self(), "hello", 3);

            // then
            assertThat(List.of(Proc.receive(), Proc.receive(), Proc.receive()))
                    .containsExactly("hello 1", "hello 2", "hello 3");
        });
    }

    @Test
    void nodeSpawn_moduleFunction_worksOutsideAnyProcess(Node node) throws Exception {
        // given
        CompletableFuture<Object> received = new CompletableFuture<>();
        Pid collector = node.spawn(() -> received.complete(Proc.receive()));

        // when
        node.spawn(TestModule.class, "greet", collector, "hi", 1);

        // then
        assertThat(received.get()).isEqualTo("hi 1");
    }

    @Test
    void spawn_missingFunction_spawnSucceedsButTheProcessDiesWithUndefinedFunction(Node node) throws Exception {
        run(node, () -> {
            // when
            Spawned spawned = Proc.spawnMonitor(TestModule.class, "noSuchFunction", 1);

            // then
            Down down = awaitDown(spawned.ref());
            assertThat(down.pid()).isSameAs(spawned.pid());
            assertThat(down.reason()).isInstanceOf(UndefinedFunctionException.class);
            assertThat(((Throwable) down.reason())).hasMessageContaining("noSuchFunction");
        });
    }

    @Test
    void spawn_plainSpawnOfMissingFunction_doesNotThrow(Node node) throws Exception {
        run(node, () -> {
            // when
            Pid pid = Proc.spawn(TestModule.class, "noSuchFunction");

            // then
            assertThat(Procs.awaitDeath(pid)).satisfiesAnyOf(
                    reason -> assertThat(reason).isInstanceOf(UndefinedFunctionException.class),
                    reason -> assertThat(reason).isEqualTo(Reason.NOPROC)); // it may have died before the monitor
        });
    }

    @Test
    void spawn_functionWithAnotherArity_isUndefined(Node node) throws Exception {
        run(node, () -> {
            // when: greet takes three arguments
            Spawned spawned = Proc.spawnMonitor(TestModule.class, "greet", Proc.self());

            // then
            assertThat(awaitDown(spawned.ref()).reason()).isInstanceOf(UndefinedFunctionException.class);
        });
    }

    @Test
    void spawn_argumentsOfTheWrongType_isUndefined(Node node) throws Exception {
        run(node, () -> {
            // when: the third argument should be an int
            Spawned spawned = Proc.spawnMonitor(TestModule.class, "greet", Proc.self(), "x", "three");

            // then
            assertThat(awaitDown(spawned.ref()).reason()).isInstanceOf(UndefinedFunctionException.class);
            assertThat(Proc.receive(0)).isNull();
        });
    }

    @Test
    void spawn_functionThatIsNotPublic_isUndefinedLikeAnUnexportedFunction(Node node) throws Exception {
        run(node, () -> {
            // when
            Spawned spawned = Proc.spawnMonitor(TestModule.class, "hidden", Proc.self());

            // then
            assertThat(awaitDown(spawned.ref()).reason()).isInstanceOf(UndefinedFunctionException.class);
            assertThat(Proc.receive(0)).isNull();
        });
    }

    @Test
    void spawnLink_childThatDiesAtOnce_isStillSeenThroughTheLink(Node node) throws Exception {
        run(node, () -> {
            // given
            Proc.trapExit(true);
            IOException boom = new IOException("boom");

            // when
            Pid child = Proc.spawnLink(() -> {
                throw boom;
            });

            // then
            assertThat(awaitExit(child).reason()).isSameAs(boom);
        });
    }

    @Test
    void spawnLink_moduleFunctionThatIsMissing_isSeenThroughTheLink(Node node) throws Exception {
        run(node, () -> {
            // given
            Proc.trapExit(true);

            // when
            Pid child = Proc.spawnLink(TestModule.class, "noSuchFunction");

            // then
            assertThat(awaitExit(child).reason()).isInstanceOf(UndefinedFunctionException.class);
        });
    }

    @Test
    void spawnLink_linkExistsBeforeTheChildRuns(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();

            // when
            Pid child = Proc.spawnLink(() -> Proc.send(parent, Procs.infoOf(Proc.self()).links()));

            // then
            assertThat(Proc.receive(List.class).toArray()).containsExactly(parent);
            Procs.awaitDeath(child);
        });
    }

    @Test
    void spawnMonitor_childThatDiesAtOnce_downHasItsRealReasonNotNoproc(Node node) throws Exception {
        run(node, () -> {
            // when
            Spawned spawned = Proc.spawnMonitor(() -> Proc.exit("early"));

            // then
            Down down = awaitDown(spawned.ref());
            assertThat(down.pid()).isSameAs(spawned.pid());
            assertThat(down.reason()).isEqualTo("early");
        });
    }

    @Test
    void spawnMonitor_moduleFunction_monitorsIt(Node node) throws Exception {
        run(node, () -> {
            // when
            Spawned spawned = Proc.spawnMonitor(TestModule.class, "crash", "at once");

            // then
            Object reason = awaitDown(spawned.ref()).reason();
            assertThat(reason).isInstanceOf(IllegalStateException.class);
            assertThat((Throwable) reason).hasMessage("at once");
        });
    }

    @Test
    void spawnMonitor_monitorExistsBeforeTheChildRuns(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();

            // when
            Spawned spawned = Proc.spawnMonitor(() -> Proc.send(parent, Procs.infoOf(Proc.self()).monitoredBy()));

            // then
            assertThat(Proc.receive(List.class).toArray()).containsExactly(parent);
            assertThat(awaitDown(spawned.ref()).reason()).isEqualTo(Reason.NORMAL);
        });
    }

    @Test
    void spawn_bodyThatReturns_exitsWithReasonNormal(Node node) throws Exception {
        run(node, () -> {
            // when
            Spawned spawned = Proc.spawnMonitor(() -> {});

            // then
            assertThat(awaitDown(spawned.ref()).reason()).isEqualTo(Reason.NORMAL);
        });
    }

    @Test
    void spawn_manyProcesses_eachHasADistinctPidListedByTheNode(Node node) throws Exception {
        run(node, () -> {
            // when
            List<Pid> pids = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                pids.add(Proc.spawn(Procs::idle));
            }

            // then
            assertThat(new HashSet<>(pids)).hasSize(100);
            assertThat(Proc.processes()).containsAll(pids).contains(Proc.self());
            assertThat(node.processes()).containsAll(pids);
            assertThat(pids).allSatisfy(p -> assertThat(p.node()).isSameAs(node));
        });
    }

    @Test
    void self_outsideAnyProcess_isAnError() {
        assertThatThrownBy(Proc::self).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void node_insideAProcess_isItsNode(Node node) throws Exception {
        assertThat(node.runProcess(Proc::node)).isSameAs(node);
    }

    @Test
    void runProcess_returnsTheResultOfTheBody(Node node) throws Exception {
        assertThat(node.runProcess(() -> Proc.self().node().name())).isEqualTo(node.name());
    }

    @Test
    void runProcess_throwsWhatTheBodyThrew(Node node) {
        IOException boom = new IOException("boom");
        assertThatThrownBy(() -> node.runProcess(() -> {
            throw boom;
        })).isSameAs(boom);
    }

    /**
     * A process can be killed before its body has run at all (by node.stop, or by any process
     * that finds it in {@code processes()}). runProcess must then return or throw, not wait for
     * ever. To hold the new process before its first instruction, every carrier thread of the
     * virtual-thread scheduler is kept busy by a spinning process; one of them kills it.
     */
    @Test
    @Timeout(value = 15, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void runProcess_processKilledBeforeItsBodyRuns_doesNotHangTheCaller(Node node) throws Exception {
        // given: all carriers busy
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
        AtomicBoolean release = new AtomicBoolean();
        AtomicReference<Pid> toKill = new AtomicReference<>();
        CountDownLatch spinning = new CountDownLatch(carriers);
        CountDownLatch killed = new CountDownLatch(1);
        Set<Pid> spinners = new HashSet<>();
        for (int c = 0; c < carriers; c++) {
            spinners.add(node.spawn(() -> {
                spinning.countDown();
                while (!release.get()) {
                    Pid pid = toKill.getAndSet(null);
                    if (pid != null) {
                        Proc.exit(pid, Reason.KILL);
                        killed.countDown();
                    }
                    Thread.onSpinWait();
                }
            }));
        }
        spinning.await();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                outcome.complete(node.runProcess(() -> "the body ran"));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        Pid runProcessPid = null;
        while (runProcessPid == null) { // the new process is in the node's table, not yet running
            runProcessPid = node.processes().stream().filter(p -> !spinners.contains(p)).findFirst().orElse(null);
            Thread.onSpinWait();
        }

        // when: it is killed before it runs, then the carriers are freed
        toKill.set(runProcessPid);
        killed.await();
        release.set(true);

        // then
        assertThat(outcome.get()).isInstanceOf(Throwable.class);
    }
}
