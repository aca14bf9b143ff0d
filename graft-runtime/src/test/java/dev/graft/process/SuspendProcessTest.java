package dev.graft.process;

import static dev.graft.process.Procs.awaitDown;
import static dev.graft.process.Procs.awaitMessage;
import static dev.graft.process.Procs.awaitParked;
import static dev.graft.process.Procs.awaitStatus;
import static dev.graft.process.Procs.deadPid;
import static dev.graft.process.Procs.infoOf;
import static dev.graft.process.Procs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.graft.process.ProcessInfo.Status;

/** erlang:suspend_process/1 and resume_process/1. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class SuspendProcessTest {

    /** Spawns a process that forwards every message to the caller, and waits until it blocks in receive. */
    private static Pid spawnForwarder() {
        Pid parent = Proc.self();
        Pid pid = Proc.spawn(() -> {
            for (;;) {
                Proc.send(parent, Proc.receive());
            }
        });
        awaitStatus(pid, Status.WAITING);
        return pid;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Object> receiveN(int n) {
        List<Object> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            got.add(Proc.receive());
        }
        return got;
    }

    @Test
    void suspendedProcess_handlesNoMessageUntilResumed_thenHandlesThemInOrder(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid forwarder = spawnForwarder();

            // when
            Proc.suspendProcess(forwarder);
            for (int i = 1; i <= 3; i++) {
                Proc.send(forwarder, i);
            }

            // then: the messages wait in its mailbox
            assertThat(infoOf(forwarder).status()).isEqualTo(Status.SUSPENDED);
            assertThat(infoOf(forwarder).messageQueueLength()).isEqualTo(3);
            Proc.resumeProcess(forwarder);
            assertThat(receiveN(3)).containsExactly(1, 2, 3);
        });
    }

    @Test
    void suspend_isCounted_aProcessSuspendedTwiceNeedsTwoResumes(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid forwarder = spawnForwarder();
            Proc.suspendProcess(forwarder);
            Proc.suspendProcess(forwarder);

            // when
            Proc.send(forwarder, "held");
            Proc.resumeProcess(forwarder);

            // then
            assertThat(infoOf(forwarder).status()).isEqualTo(Status.SUSPENDED);
            assertThat(infoOf(forwarder).messageQueueLength()).isEqualTo(1);
            Proc.resumeProcess(forwarder);
            assertThat(Proc.receive()).isEqualTo("held");
            assertThatThrownBy(() -> Proc.resumeProcess(forwarder)).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void suspend_byTwoProcesses_needsTheResumeOfBoth(Node node) throws Exception {
        run(node, () -> {
            // given: another process also suspends the forwarder
            Pid parent = Proc.self();
            Pid forwarder = spawnForwarder();
            Pid other = Proc.spawn(() -> {
                Proc.suspendProcess(forwarder);
                Proc.send(parent, "suspended");
                awaitMessage("resume");
                Proc.resumeProcess(forwarder);
                Proc.send(parent, "resumed");
                Procs.idle();
            });
            awaitMessage("suspended");
            Proc.suspendProcess(forwarder);

            // when
            Proc.send(forwarder, "held");
            Proc.resumeProcess(forwarder);

            // then
            assertThat(infoOf(forwarder).status()).isEqualTo(Status.SUSPENDED);
            assertThat(infoOf(forwarder).messageQueueLength()).isEqualTo(1);
            Proc.send(other, "resume");
            assertThat(Proc.receive()).isEqualTo("resumed");
            assertThat(Proc.receive()).isEqualTo("held");
        });
    }

    @Test
    void suspenderDies_itsSuspendsAreTakenBack(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            Pid forwarder = spawnForwarder();
            Spawned suspender = Proc.spawnMonitor(() -> {
                Proc.suspendProcess(forwarder);
                Proc.suspendProcess(forwarder);
                Proc.send(parent, "suspended");
                awaitMessage("die");
            });
            awaitMessage("suspended");
            Proc.send(forwarder, "held");

            // when
            Proc.send(suspender.pid(), "die");
            awaitDown(suspender.ref());

            // then
            assertThat(Proc.receive()).isEqualTo("held");
        });
    }

    @Test
    void suspendedProcess_canStillBeKilled(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid forwarder = spawnForwarder();
            Proc.suspendProcess(forwarder);
            Proc.send(forwarder, "never forwarded");
            Ref ref = Proc.monitor(forwarder);

            // when
            Proc.exit(forwarder, Reason.KILL);

            // then
            assertThat(awaitDown(ref).reason()).isEqualTo(Reason.KILLED);
            assertThat(Proc.receive(0)).isNull();
        });
    }

    @Test
    void suspendedProcess_diesOfAnAbnormalExitSignalFromALink(Node node) throws Exception {
        run(node, () -> {
            // given (Erlang: a suspended, linked, non-trapping process dies with the link's reason)
            Pid parent = Proc.self();
            Pid partner = Proc.spawn(() -> {
                awaitMessage("die");
                Proc.exit("boom");
            });
            Pid linked = Proc.spawn(() -> {
                Proc.link(partner);
                Proc.send(parent, "linked");
                Procs.idle();
            });
            awaitMessage("linked");
            Proc.suspendProcess(linked);
            Ref ref = Proc.monitor(linked);

            // when
            Proc.send(partner, "die");

            // then
            assertThat(awaitDown(ref).reason()).isEqualTo("boom");
        });
    }

    @Test
    void suspend_ofABusyProcess_holdsItAtItsNextRuntimeCall(Node node) throws Exception {
        run(node, () -> {
            // given: a process busy outside any runtime call
            Pid parent = Proc.self();
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch mayGoOn = new CountDownLatch(1);
            AtomicReference<Thread> thread = new AtomicReference<>();
            Pid worker = Proc.spawn(() -> {
                thread.set(Thread.currentThread());
                busy.countDown();
                mayGoOn.await();
                Proc.send(parent, "sent after the busy part");
            });
            busy.await();

            // when
            Proc.suspendProcess(worker);
            mayGoOn.countDown();
            awaitParked(thread.get());

            // then
            assertThat(Proc.receive(0)).isNull();
            Proc.resumeProcess(worker);
            assertThat(Proc.receive()).isEqualTo("sent after the busy part");
        });
    }

    @Test
    void resume_ofAProcessTheCallerDidNotSuspend_isAnError(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            Pid running = Procs.spawnIdle();
            Pid suspendedByOther = Procs.spawnIdle();
            Proc.spawn(() -> {
                Proc.suspendProcess(suspendedByOther);
                Proc.send(parent, "suspended");
                Procs.idle();
            });
            awaitMessage("suspended");

            // when / then
            assertThatThrownBy(() -> Proc.resumeProcess(running)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Proc.resumeProcess(suspendedByOther)).isInstanceOf(IllegalArgumentException.class);
            assertThat(infoOf(suspendedByOther).status()).isEqualTo(Status.SUSPENDED);
        });
    }

    @Test
    void suspend_self_isAnError(Node node) throws Exception {
        run(node, () -> assertThatThrownBy(() -> Proc.suspendProcess(Proc.self()))
                .isInstanceOf(IllegalArgumentException.class));
    }

    /** Erlang: {@code erlang:suspend_process(DeadPid)} raises badarg (checked on OTP 25). */
    @Test
    void suspend_deadProcess_isAnError(Node node) throws Exception {
        run(node, () -> {
            Pid dead = deadPid();
            assertThatThrownBy(() -> Proc.suspendProcess(dead)).isInstanceOf(IllegalArgumentException.class);
        });
    }

    /** Erlang: {@code erlang:resume_process(Pid)} of a process that has died raises badarg (checked on OTP 25). */
    @Test
    void resume_ofAProcessThatHasDied_isAnError(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid pid = Procs.spawnIdle();
            Proc.suspendProcess(pid);
            Ref ref = Proc.monitor(pid);
            Proc.exit(pid, Reason.KILL);
            awaitDown(ref);

            // when / then
            assertThatThrownBy(() -> Proc.resumeProcess(pid)).isInstanceOf(IllegalArgumentException.class);
        });
    }

    /**
     * Erlang's suspend_process is synchronous: once it returns, the process runs no more until
     * resumed, wherever it was. Here the process is held inside a selective receive (its pattern
     * is looking at a message it will skip) when it is suspended; a message that arrives after
     * suspendProcess returned must stay in its mailbox until it is resumed.
     */
    @Test
    void suspend_ofAProcessInsideASelectiveReceive_takesEffectBeforeItTakesAMessage(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            CountDownLatch inPattern = new CountDownLatch(1);
            CountDownLatch patternMayReturn = new CountDownLatch(1);
            AtomicReference<Thread> thread = new AtomicReference<>();
            AtomicReference<Object> taken = new AtomicReference<>();
            Pid target = Proc.spawn(() -> {
                thread.set(Thread.currentThread());
                Object m = Proc.receive(msg -> {
                    if (msg.equals("skipped")) {
                        inPattern.countDown();
                        awaitUninterruptibly(patternMayReturn);
                    }
                    return msg.equals("wanted");
                });
                taken.set(m);
                Proc.send(parent, "took " + m);
            });
            Proc.send(target, "skipped");
            inPattern.await();

            // when
            Proc.suspendProcess(target);
            Proc.send(target, "wanted");
            patternMayReturn.countDown();
            awaitParked(thread.get()); // it can make no more progress by itself

            // then
            assertThat(taken.get()).as("message taken while suspended").isNull();
            assertThat(infoOf(target).messageQueueLength()).isEqualTo(2);
            Proc.resumeProcess(target);
            assertThat(Proc.receive()).isEqualTo("took wanted");
        });
    }
}
