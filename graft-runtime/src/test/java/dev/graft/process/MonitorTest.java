package dev.graft.process;

import static dev.graft.process.Procs.assertAnswers;
import static dev.graft.process.Procs.awaitDown;
import static dev.graft.process.Procs.awaitMessage;
import static dev.graft.process.Procs.deadPid;
import static dev.graft.process.Procs.infoOf;
import static dev.graft.process.Procs.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class MonitorTest {

    /** A process that exits with {@code reason} when told "die". */
    private static Pid spawnDyingOnRequest(Object reason) {
        return Proc.spawn(() -> {
            awaitMessage("die");
            Proc.exit(reason);
        });
    }

    @Test
    void monitor_processExits_downCarriesRefPidAndReason(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid target = spawnDyingOnRequest("goodbye");
            Ref ref = Proc.monitor(target);

            // when
            Proc.send(target, "die");

            // then
            assertThat(Proc.receive()).isEqualTo(new Down(ref, target, "goodbye"));
        });
    }

    @Test
    void monitor_processExitsNormally_downSaysNormal(Node node) throws Exception {
        run(node, () -> {
            Pid target = spawnDyingOnRequest(Reason.NORMAL);
            Ref ref = Proc.monitor(target);
            Proc.send(target, "die");
            assertThat(awaitDown(ref).reason()).isEqualTo(Reason.NORMAL);
        });
    }

    @Test
    void monitor_deadPid_givesDownNoprocAtOnce(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid dead = deadPid();

            // when
            Ref ref = Proc.monitor(dead);

            // then: already in the mailbox
            assertThat(Proc.receive(0)).isEqualTo(new Down(ref, dead, Reason.NOPROC));
        });
    }

    @Test
    void monitor_firesOnce(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid target = spawnDyingOnRequest("once");
            Ref ref = Proc.monitor(target);

            // when
            Proc.send(target, "die");
            awaitDown(ref);

            // then
            assertThat(Proc.receive(Down.class, 0)).isNull();
            assertThat(Proc.demonitor(ref)).isFalse();
            assertThat(infoOf(Proc.self()).monitors()).isEmpty();
        });
    }

    @Test
    void monitor_twice_givesTwoIndependentDowns(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid target = spawnDyingOnRequest("twice");
            Ref first = Proc.monitor(target);
            Ref second = Proc.monitor(target);

            // when
            Proc.send(target, "die");

            // then
            assertThat(first).isNotSameAs(second);
            assertThat(awaitDown(first).reason()).isEqualTo("twice");
            assertThat(awaitDown(second).reason()).isEqualTo("twice");
            assertThat(Proc.receive(Down.class, 0)).isNull();
        });
    }

    @Test
    void monitor_doesNotKillTheWatcher_whenTheTargetCrashes(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            Pid watcher = Proc.spawn(() -> {
                Pid target = (Pid) Proc.receive();
                Ref ref = Proc.monitor(target);
                Proc.send(parent, "monitoring");
                Proc.send(parent, awaitDown(ref));
                Procs.echo();
            });
            Pid target = spawnDyingOnRequest(new IllegalStateException("crash"));
            Proc.send(watcher, target);
            awaitMessage("monitoring");

            // when
            Proc.send(target, "die");

            // then
            assertThat(Proc.receive(Down.class).reason()).isInstanceOf(IllegalStateException.class);
            assertAnswers(watcher);
        });
    }

    @Test
    void monitor_messagesSentBeforeDeath_arriveBeforeTheDown(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            Pid target = Proc.spawn(() -> {
                awaitMessage("go");
                for (int i = 0; i < 100; i++) {
                    Proc.send(parent, i);
                }
            });
            Ref ref = Proc.monitor(target);

            // when
            Proc.send(target, "go");

            // then
            List<Object> got = new ArrayList<>();
            for (int i = 0; i <= 100; i++) {
                got.add(Proc.receive());
            }
            for (int i = 0; i < 100; i++) {
                assertThat(got.get(i)).isEqualTo(i);
            }
            assertThat(got.get(100)).isEqualTo(new Down(ref, target, Reason.NORMAL));
        });
    }

    @Test
    void demonitor_beforeDeath_noDownArrives(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid target = spawnDyingOnRequest("crash");
            Ref removed = Proc.monitor(target);
            Ref kept = Proc.monitor(target);

            // when
            boolean wasActive = Proc.demonitor(removed);
            Proc.send(target, "die");

            // then: the other monitor's Down is delivered in the same step as the removed one's would be
            assertThat(wasActive).isTrue();
            assertThat(awaitDown(kept).reason()).isEqualTo("crash");
            assertThat(Proc.receive(m -> m instanceof Down d && d.ref() == removed, 0)).isNull();
        });
    }

    @Test
    void demonitor_removesTheMonitorFromBothSides(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid target = Procs.spawnIdle();
            Ref ref = Proc.monitor(target);
            assertThat(infoOf(Proc.self()).monitors()).containsExactly(target);
            assertThat(infoOf(target).monitoredBy()).containsExactly(Proc.self());

            // when
            Proc.demonitor(ref);

            // then
            assertThat(infoOf(Proc.self()).monitors()).isEmpty();
            assertThat(infoOf(target).monitoredBy()).isEmpty();
        });
    }

    @Test
    void demonitor_withFlush_removesADownAlreadyDelivered_andKeepsOtherMessages(Node node) throws Exception {
        run(node, () -> {
            // given: the Down is in the mailbox, between other messages
            Pid self = Proc.self();
            Proc.send(self, "before");
            Pid dead = deadPid();
            Ref ref = Proc.monitor(dead);
            Proc.send(self, "after");

            // when
            boolean wasActive = Proc.demonitor(ref, true);

            // then
            assertThat(wasActive).isFalse();
            assertThat(Proc.receive(0)).isEqualTo("before");
            assertThat(Proc.receive(0)).isEqualTo("after");
            assertThat(Proc.receive(0)).isNull();
        });
    }

    @Test
    void demonitor_withFlush_ofAnActiveMonitor_returnsTrueAndNoDownComes(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid target = spawnDyingOnRequest("crash");
            Ref flushed = Proc.monitor(target);
            Ref kept = Proc.monitor(target);

            // when
            boolean wasActive = Proc.demonitor(flushed, true);
            Proc.send(target, "die");

            // then
            assertThat(wasActive).isTrue();
            awaitDown(kept);
            assertThat(Proc.receive(m -> m instanceof Down d && d.ref() == flushed, 0)).isNull();
        });
    }

    @Test
    void demonitor_withoutFlush_leavesADownAlreadyDelivered(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid dead = deadPid();
            Ref ref = Proc.monitor(dead);

            // when
            boolean wasActive = Proc.demonitor(ref);

            // then
            assertThat(wasActive).isFalse();
            assertThat(Proc.receive(0)).isEqualTo(new Down(ref, dead, Reason.NOPROC));
        });
    }

    @Test
    void monitor_isListedOnBothSides_andGoneAfterTheDown(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid target = spawnDyingOnRequest("bye");

            // when
            Ref ref = Proc.monitor(target);

            // then
            assertThat(infoOf(Proc.self()).monitors()).containsExactly(target);
            assertThat(infoOf(target).monitoredBy()).containsExactly(Proc.self());
            Proc.send(target, "die");
            awaitDown(ref);
            assertThat(infoOf(Proc.self()).monitors()).isEmpty();
        });
    }

    /**
     * Erlang: {@code monitor(process, self())} returns a reference but sets no monitor
     * (checked on OTP 25: process_info(self(), [monitors, monitored_by]) stays empty).
     */
    @Test
    void monitor_self_setsNoMonitor(Node node) throws Exception {
        run(node, () -> {
            Ref ref = Proc.monitor(Proc.self());
            assertThat(ref).isNotNull();
            assertThat(infoOf(Proc.self()).monitors()).isEmpty();
            assertThat(infoOf(Proc.self()).monitoredBy()).isEmpty();
        });
    }
}
