package dev.graft.process;

import static dev.graft.process.Procs.awaitDown;
import static dev.graft.process.Procs.awaitMessage;
import static dev.graft.process.Procs.awaitStatus;
import static dev.graft.process.Procs.deadPid;
import static dev.graft.process.Procs.infoOf;
import static dev.graft.process.Procs.run;
import static dev.graft.process.Procs.spawnIdle;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.graft.process.ProcessInfo.Status;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class ProcessInfoTest {

    @Test
    void info_ofTheCallingProcess_isRunning(Node node) throws Exception {
        run(node, () -> {
            ProcessInfo info = infoOf(Proc.self());
            assertThat(info.pid()).isSameAs(Proc.self());
            assertThat(info.status()).isEqualTo(Status.RUNNING);
        });
    }

    @Test
    void info_processBusyOutsideRuntimeCalls_isRunning(Node node) throws Exception {
        run(node, () -> {
            // given
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            Pid pid = Proc.spawn(() -> {
                busy.countDown();
                done.await();
            });
            busy.await();

            // when / then
            assertThat(infoOf(pid).status()).isEqualTo(Status.RUNNING);
            done.countDown();
        });
    }

    @Test
    void info_processBlockedInReceive_isWaiting(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid pid = spawnIdle();

            // when / then: it gets there by itself (polled: the runtime gives no event for it;
            // the test's timeout fails it if it never does)
            awaitStatus(pid, Status.WAITING);
        });
    }

    @Test
    void info_suspendedProcess_isSuspended(Node node) throws Exception {
        run(node, () -> {
            Pid pid = spawnIdle();
            Proc.suspendProcess(pid);
            assertThat(infoOf(pid).status()).isEqualTo(Status.SUSPENDED);
            Proc.resumeProcess(pid);
            assertThat(infoOf(pid).status()).isNotEqualTo(Status.SUSPENDED);
        });
    }

    @Test
    void info_processToldToExitButNotYetAtARuntimeCall_isExiting(Node node) throws Exception {
        run(node, () -> {
            // given
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch mayGoOn = new CountDownLatch(1);
            Spawned s = Proc.spawnMonitor(() -> {
                busy.countDown();
                mayGoOn.await();
                Proc.yield();
            });
            busy.await();

            // when
            Proc.exit(s.pid(), Reason.KILL);

            // then
            assertThat(infoOf(s.pid()).status()).isEqualTo(Status.EXITING);
            mayGoOn.countDown();
            awaitDown(s.ref());
        });
    }

    @Test
    void info_messageQueueLength_countsWaitingMessages_includingOnesASelectiveReceiveSkipped(Node node) throws Exception {
        run(node, () -> {
            // given: a process that takes the first Integer, then stops outside any runtime call
            CountDownLatch tookOne = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(1);
            Pid pid = Proc.spawn(() -> {
                Proc.receive(Integer.class);
                tookOne.countDown();
                done.await();
            });

            // when
            Proc.send(pid, "a");
            Proc.send(pid, "b");
            Proc.send(pid, 1);
            tookOne.await();
            Proc.send(pid, "c");

            // then
            assertThat(infoOf(pid).messageQueueLength()).isEqualTo(3);
            done.countDown();
        });
    }

    @Test
    void info_registeredName(Node node) throws Exception {
        run(node, () -> {
            Pid pid = spawnIdle();
            assertThat(infoOf(pid).messageQueueLength()).isZero();
            assertThat(infoOf(pid).registeredName()).isEmpty();
            Proc.register("known_as", pid);
            assertThat(infoOf(pid).registeredName()).contains("known_as");
        });
    }

    @Test
    void info_linksMonitorsAndMonitoredBy_areListedInPidOrder(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            Pid a = spawnIdle();
            Pid b = spawnIdle();
            Pid c = spawnIdle();
            Pid subject = Proc.spawn(() -> {
                Proc.link(b);
                Proc.link(a);
                Proc.monitor(c);
                Proc.monitor(a);
                Proc.send(parent, "ready");
                Procs.idle();
            });
            awaitMessage("ready");

            // when
            Proc.monitor(subject);

            // then
            ProcessInfo info = infoOf(subject);
            assertThat(info.links()).containsExactly(a, b);
            assertThat(info.monitors()).containsExactly(a, c);
            assertThat(info.monitoredBy()).containsExactly(parent);
            assertThat(infoOf(a).links()).containsExactly(subject);
            assertThat(infoOf(a).monitoredBy()).containsExactly(subject);
        });
    }

    @Test
    void info_trapExit(Node node) throws Exception {
        run(node, () -> {
            Pid parent = Proc.self();
            Pid trapping = Proc.spawn(() -> {
                Proc.trapExit(true);
                Proc.send(parent, "trapping");
                Procs.idle();
            });
            awaitMessage("trapping");
            assertThat(infoOf(trapping).trapExit()).isTrue();
            assertThat(infoOf(spawnIdle()).trapExit()).isFalse();
        });
    }

    @Test
    void info_initialCall_ofAModuleFunction_isModuleFunctionArity(Node node) throws Exception {
        run(node, () -> {
            Pid idle = Proc.spawn(TestModule.class, "idle");
            assertThat(infoOf(idle).initialCall()).isEqualTo("dev.graft.process.TestModule.idle/0");
        });
    }

    @Test
    void info_initialCall_ofALambda_namesTheClassThatDefinedIt(Node node) throws Exception {
        run(node, () -> {
            Pid pid = Proc.spawn(() -> Procs.idle());
            assertThat(infoOf(pid).initialCall()).contains(ProcessInfoTest.class.getName());
        });
    }

    @Test
    void info_ofADeadProcess_isEmpty(Node node) throws Exception {
        Pid dead = node.runProcess(() -> {
            Pid pid = deadPid();
            assertThat(Proc.info(pid)).isEmpty();
            return pid;
        });
        assertThat(node.info(dead)).isEmpty();
    }

    @Test
    void info_fromOutsideAnyProcess(Node node) throws Exception {
        // given
        Pid pid = node.spawn(TestModule.class, "idle");

        // when
        ProcessInfo info = node.info(pid).orElseThrow();

        // then
        assertThat(info.pid()).isSameAs(pid);
        assertThat(info.links()).isEmpty();
        assertThat(info.monitors()).isEmpty();
        assertThat(info.monitoredBy()).isEmpty();
        assertThat(info.registeredName()).isEmpty();
        assertThat(info.initialCall()).isEqualTo("dev.graft.process.TestModule.idle/0");
        assertThat(Proc.info(pid).map(ProcessInfo::pid)).contains(pid);
        assertThat(node.processes()).isEqualTo(List.of(pid));
        assertThat(node.processCount()).isEqualTo(1);
    }
}
