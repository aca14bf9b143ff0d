package dev.graft.process;

import static dev.graft.process.Procs.awaitDown;
import static dev.graft.process.Procs.awaitExit;
import static dev.graft.process.Procs.awaitMessage;
import static dev.graft.process.Procs.awaitStatus;
import static dev.graft.process.Procs.infoOf;
import static dev.graft.process.Procs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The untrappable kill, killed and kill as reasons, cooperative killing, and node.stop. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class KillTest {

    @Test
    void killCannotBeTrapped_linksAndMonitorsSeeKilled(Node node) throws Exception {
        run(node, () -> {
            // given: a victim that traps exits, linked to the (trapping) caller
            Proc.trapExit(true);
            Pid parent = Proc.self();
            Pid victim = Proc.spawnLink(() -> {
                Proc.trapExit(true);
                Proc.send(parent, "trapping");
                Procs.idle();
            });
            awaitMessage("trapping");
            Ref ref = Proc.monitor(victim);

            // when
            Proc.exit(victim, Reason.KILL);

            // then
            assertThat(awaitDown(ref).reason()).isEqualTo(Reason.KILLED);
            assertThat(awaitExit(victim).reason()).isEqualTo(Reason.KILLED);
        });
    }

    @Test
    void kill_processBlockedInReceive_isWokenAndDiesAtOnce(Node node) throws Exception {
        run(node, () -> {
            // given: processes blocked in receive with no timeout, a long timeout, and in sleep
            List<Pid> victims = List.of(
                    Proc.spawn(() -> Proc.receive()),
                    Proc.spawn(() -> Proc.receive(m -> false, Proc.INFINITY)),
                    Proc.spawn(() -> Proc.receive(String.class, 3_600_000)),
                    Proc.spawn(() -> Proc.sleep(3_600_000)));
            Map<Ref, Pid> refs = new HashMap<>();
            for (Pid v : victims) {
                awaitStatus(v, ProcessInfo.Status.WAITING);
                refs.put(Proc.monitor(v), v);
            }

            // when: no message will ever wake them
            for (Pid v : victims) {
                Proc.exit(v, Reason.KILL);
            }

            // then
            for (Ref ref : refs.keySet()) {
                assertThat(awaitDown(ref)).isEqualTo(new Down(ref, refs.get(ref), Reason.KILLED));
            }
        });
    }

    @Test
    void kill_busyProcess_diesAtItsNextRuntimeCall_notBefore(Node node) throws Exception {
        run(node, () -> {
            // given: a victim computing outside any runtime call
            CountDownLatch computing = new CountDownLatch(1);
            CountDownLatch mayFinish = new CountDownLatch(1);
            AtomicLong computed = new AtomicLong();
            AtomicBoolean ranPastYield = new AtomicBoolean();
            Spawned victim = Proc.spawnMonitor(() -> {
                computing.countDown();
                mayFinish.await(); // stands for a long computation: not a runtime call
                long sum = 0;
                for (int i = 1; i <= 1_000; i++) {
                    sum += i;
                }
                computed.set(sum);
                Proc.yield();
                ranPastYield.set(true);
            });
            computing.await();

            // when
            Proc.exit(victim.pid(), Reason.KILL);

            // then: it is still alive, marked as exiting
            assertThat(Proc.isAlive(victim.pid())).isTrue();
            assertThat(infoOf(victim.pid()).status()).isEqualTo(ProcessInfo.Status.EXITING);
            // and dies at Proc.yield, having finished what it computed before
            mayFinish.countDown();
            assertThat(awaitDown(victim.ref()).reason()).isEqualTo(Reason.KILLED);
            assertThat(computed.get()).isEqualTo(500_500L);
            assertThat(ranPastYield).isFalse();
        });
    }

    @Test
    void kill_trappingBusyProcess_isNotTurnedIntoAMessage(Node node) throws Exception {
        run(node, () -> {
            // given
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch mayFinish = new CountDownLatch(1);
            AtomicBoolean receivedSomething = new AtomicBoolean();
            Spawned victim = Proc.spawnMonitor(() -> {
                Proc.trapExit(true);
                busy.countDown();
                mayFinish.await();
                receivedSomething.set(Proc.receive(0) != null);
            });
            busy.await();

            // when
            Proc.exit(victim.pid(), Reason.KILL);
            mayFinish.countDown();

            // then
            assertThat(awaitDown(victim.ref()).reason()).isEqualTo(Reason.KILLED);
            assertThat(receivedSomething).isFalse();
        });
    }

    @Test
    void kill_ofAnExitingProcess_theFirstSignalsReasonWins(Node node) throws Exception {
        run(node, () -> {
            // given
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch mayFinish = new CountDownLatch(1);
            Spawned victim = Proc.spawnMonitor(() -> {
                busy.countDown();
                mayFinish.await();
                Proc.yield();
            });
            busy.await();

            // when
            Proc.exit(victim.pid(), "first");
            Proc.exit(victim.pid(), Reason.KILL);
            mayFinish.countDown();

            // then
            assertThat(awaitDown(victim.ref()).reason()).isEqualTo("first");
        });
    }

    @Test
    void exitSelfWithKill_trappingLinksAndMonitorsSeeKill_notKilled(Node node) throws Exception {
        run(node, () -> {
            // given (Erlang: exit(kill) by the process itself sends 'kill' to links, as a trappable reason)
            Proc.trapExit(true);
            Pid child = Proc.spawnLink(() -> {
                awaitMessage("go");
                Proc.exit(Reason.KILL);
            });
            Ref ref = Proc.monitor(child);

            // when
            Proc.send(child, "go");

            // then
            assertThat(awaitExit(child).reason()).isEqualTo(Reason.KILL);
            assertThat(awaitDown(ref).reason()).isEqualTo(Reason.KILL);
            assertThat(Proc.isAlive(Proc.self())).isTrue();
        });
    }

    @Test
    void exitSelfWithKill_nonTrappingLinkedProcessDiesWithKill_andPassesItOn(Node node) throws Exception {
        run(node, () -> {
            // given: caller (trapping) - middle (not trapping) - child; as in Erlang, the chain carries 'kill'
            Proc.trapExit(true);
            Pid parent = Proc.self();
            Pid middle = Proc.spawnLink(() -> {
                Pid child = Proc.spawnLink(() -> {
                    awaitMessage("go");
                    Proc.exit(Reason.KILL);
                });
                Proc.send(parent, child);
                Procs.idle();
            });
            Pid child = Proc.receive(Pid.class);
            Ref middleMonitor = Proc.monitor(middle);

            // when
            Proc.send(child, "go");

            // then
            assertThat(awaitDown(middleMonitor).reason()).isEqualTo(Reason.KILL);
            assertThat(awaitExit(middle).reason()).isEqualTo(Reason.KILL);
        });
    }

    @Test
    void killed_propagatesThroughLinksAsKilled(Node node) throws Exception {
        run(node, () -> {
            // given: caller (trapping) - middle (not trapping) - victim
            Proc.trapExit(true);
            Pid parent = Proc.self();
            Pid victim = Procs.spawnIdle();
            Pid middle = Proc.spawnLink(() -> {
                Proc.link(victim);
                Proc.send(parent, "linked");
                Procs.idle();
            });
            awaitMessage("linked");

            // when
            Proc.exit(victim, Reason.KILL);

            // then
            assertThat(awaitExit(middle).reason()).isEqualTo(Reason.KILLED);
        });
    }

    @Test
    void kill_self_endsTheCallerWithKilled(Node node) throws Exception {
        run(node, () -> {
            Pid parent = Proc.self();
            Spawned s = Proc.spawnMonitor(() -> {
                Proc.trapExit(true);
                Proc.exit(Proc.self(), Reason.KILL);
                Proc.send(parent, "still running");
            });
            assertThat(awaitDown(s.ref()).reason()).isEqualTo(Reason.KILLED);
            assertThat(Proc.receive(0)).isNull();
        });
    }

    // ---- node.stop ----

    @Test
    void nodeStop_killsEveryProcessWhateverItDoes_linksAndMonitorsOnAnotherNodeSeeKilled(Node observerNode) throws Exception {
        try (Node stopped = Node.start("stopped")) {
            run(observerNode, () -> {
                // given: processes of every kind on the node to stop, linked to and monitored by this process
                Proc.trapExit(true);
                Pid observer = Proc.self();
                List<Pid> pids = new ArrayList<>();
                pids.add(stopped.spawn(Procs::idle));
                pids.add(stopped.spawn(() -> Proc.sleep(3_600_000)));
                pids.add(stopped.spawn(() -> {
                    Proc.trapExit(true);
                    Procs.idle();
                }));
                pids.add(stopped.spawn(() -> {
                    Pid child = Proc.spawnLink(Procs::echo);
                    Proc.suspendProcess(child);
                    Proc.send(observer, child);
                    Procs.idle();
                }));
                pids.add(Proc.receive(Pid.class)); // the suspended one
                pids.add(stopped.spawn(TestModule.class, "idle"));
                pids.add(stopped.spawn(() -> {
                    Proc.register("doomed", Proc.self());
                    Proc.send(observer, "registered");
                    Procs.idle();
                }));
                awaitMessage("registered");
                Map<Ref, Pid> refs = new HashMap<>();
                for (Pid p : pids) {
                    Proc.link(p);
                    refs.put(Proc.monitor(p), p);
                }
                assertThat(stopped.processCount()).isEqualTo(pids.size());

                // when
                boolean finished = stopped.stop(Duration.ofSeconds(10));

                // then
                assertThat(finished).isTrue();
                assertThat(stopped.processCount()).isZero();
                assertThat(stopped.processes()).isEmpty();
                for (Map.Entry<Ref, Pid> e : refs.entrySet()) {
                    assertThat(awaitDown(e.getKey()).reason()).as("Down of %s", e.getValue()).isEqualTo(Reason.KILLED);
                    assertThat(awaitExit(e.getValue()).reason()).as("Exit of %s", e.getValue()).isEqualTo(Reason.KILLED);
                    assertThat(Proc.isAlive(e.getValue())).isFalse();
                }
                assertThat(stopped.registered()).isEmpty();
                assertThat(stopped.whereis("doomed")).isEmpty();
            });
        }
    }

    @Test
    void nodeStop_spawnAfterwardsFails(Node node) throws Exception {
        // given
        Pid before = node.spawn(Procs::idle);

        // when
        boolean finished = node.stop(Duration.ofSeconds(10));

        // then
        assertThat(finished).isTrue();
        assertThat(before.node().processCount()).isZero();
        assertThatThrownBy(() -> node.spawn(Procs::idle)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(node.name());
        assertThatThrownBy(() -> node.spawn(TestModule.class, "idle")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> node.runProcess(() -> "never")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nodeStop_calledTwice_isHarmless(Node node) throws Exception {
        node.spawn(Procs::idle);
        assertThat(node.stop(Duration.ofSeconds(10))).isTrue();
        assertThat(node.stop(Duration.ofSeconds(10))).isTrue();
        node.close();
        assertThat(node.processCount()).isZero();
    }
}
