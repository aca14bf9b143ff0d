package dev.graft.process;

import static dev.graft.process.Procs.awaitDown;
import static dev.graft.process.Procs.awaitExit;
import static dev.graft.process.Procs.awaitMessage;
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
class TrapExitTest {

    @Test
    void trapExit_returnsThePreviousSetting_andShowsInInfo(Node node) throws Exception {
        run(node, () -> {
            assertThat(infoOf(Proc.self()).trapExit()).isFalse();
            assertThat(Proc.trapExit(true)).isFalse();
            assertThat(infoOf(Proc.self()).trapExit()).isTrue();
            assertThat(Proc.trapExit(true)).isTrue();
            assertThat(Proc.trapExit(false)).isTrue();
            assertThat(infoOf(Proc.self()).trapExit()).isFalse();
        });
    }

    @Test
    void trapExit_linkedProcessCrashes_becomesAnExitMessage_andTheCallerLivesOn(Node node) throws Exception {
        run(node, () -> {
            // given
            Proc.trapExit(true);
            IllegalStateException boom = new IllegalStateException("boom");
            Pid child = Proc.spawnLink(() -> {
                awaitMessage("go");
                throw boom;
            });

            // when
            Proc.send(child, "go");

            // then
            assertThat(Proc.receive()).isEqualTo(new Exit(child, boom));
            assertThat(Proc.isAlive(Proc.self())).isTrue();
        });
    }

    @Test
    void trapExit_linkedProcessExitsNormally_givesExitNormal(Node node) throws Exception {
        run(node, () -> {
            Proc.trapExit(true);
            Pid child = Proc.spawnLink(() -> awaitMessage("go"));
            Proc.send(child, "go");
            assertThat(Proc.receive()).isEqualTo(new Exit(child, Reason.NORMAL));
        });
    }

    @Test
    void trapExit_exitSignalFromAnotherProcess_becomesAnExitMessageNamingTheSender(Node node) throws Exception {
        run(node, () -> {
            // given
            Proc.trapExit(true);
            Pid parent = Proc.self();

            // when
            Pid sender = Proc.spawn(() -> Proc.exit(parent, "please stop"));

            // then
            assertThat(awaitExit(sender)).isEqualTo(new Exit(sender, "please stop"));
        });
    }

    @Test
    void trapExit_exitNormalFromAnotherProcess_isDeliveredAsAMessage(Node node) throws Exception {
        run(node, () -> {
            Proc.trapExit(true);
            Pid parent = Proc.self();
            Pid sender = Proc.spawn(() -> Proc.exit(parent, Reason.NORMAL));
            assertThat(awaitExit(sender).reason()).isEqualTo(Reason.NORMAL);
        });
    }

    @Test
    void trapExit_exitNormalToSelf_isDeliveredAsAMessage(Node node) throws Exception {
        run(node, () -> {
            // given
            Proc.trapExit(true);

            // when
            Proc.exit(Proc.self(), Reason.NORMAL);

            // then: Erlang gives {'EXIT', self(), normal}
            assertThat(Proc.receive(0)).isEqualTo(new Exit(Proc.self(), Reason.NORMAL));
        });
    }

    @Test
    void trapExit_exitSignalWithTheAtomKilled_isAnOrdinaryTrappableSignal(Node node) throws Exception {
        run(node, () -> {
            // given
            Proc.trapExit(true);
            Pid parent = Proc.self();

            // when: not kill, but killed
            Pid sender = Proc.spawn(() -> Proc.exit(parent, Reason.KILLED));

            // then
            assertThat(awaitExit(sender).reason()).isEqualTo(Reason.KILLED);
        });
    }

    @Test
    void trapExit_exitMessage_comesAfterTheMessagesTheDeadProcessSentFirst(Node node) throws Exception {
        run(node, () -> {
            // given
            Proc.trapExit(true);
            Pid parent = Proc.self();
            Pid child = Proc.spawnLink(() -> {
                awaitMessage("go");
                for (int i = 0; i < 50; i++) {
                    Proc.send(parent, i);
                }
                Proc.exit("done");
            });

            // when
            Proc.send(child, "go");

            // then
            List<Object> got = new ArrayList<>();
            for (int i = 0; i <= 50; i++) {
                got.add(Proc.receive());
            }
            for (int i = 0; i < 50; i++) {
                assertThat(got.get(i)).isEqualTo(i);
            }
            assertThat(got.get(50)).isEqualTo(new Exit(child, "done"));
        });
    }

    @Test
    void trapExit_turnedOffAgain_anAbnormalSignalKillsAgain(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            Pid partner = Proc.spawn(() -> {
                awaitMessage("die");
                Proc.exit("crash");
            });
            Spawned p = Proc.spawnMonitor(() -> {
                Proc.trapExit(true);
                Proc.trapExit(false);
                Proc.link(partner);
                Proc.send(parent, "ready");
                Procs.idle();
            });
            awaitMessage("ready");

            // when
            Proc.send(partner, "die");

            // then
            assertThat(awaitDown(p.ref()).reason()).isEqualTo("crash");
        });
    }

    @Test
    void trapExit_exitMessagesStayQueuedAfterTrappingIsTurnedOff(Node node) throws Exception {
        run(node, () -> {
            // given
            Proc.trapExit(true);
            Pid child = Proc.spawnLink(() -> Proc.exit("queued"));
            Ref ref = Proc.monitor(child);
            awaitDown(ref);

            // when
            Proc.trapExit(false);

            // then
            assertThat(Proc.receive(Exit.class, 0)).isEqualTo(new Exit(child, "queued"));
        });
    }

    @Test
    void trapExit_manyLinkedProcessesDying_giveOneExitEach(Node node) throws Exception {
        run(node, () -> {
            // given
            Proc.trapExit(true);
            List<Pid> children = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                children.add(Proc.spawnLink(() -> Proc.exit(n)));
            }

            // when
            List<Exit> exits = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                exits.add(Proc.receive(Exit.class));
            }

            // then
            assertThat(exits).extracting(Exit::from).containsExactlyInAnyOrderElementsOf(children);
            for (Exit e : exits) {
                assertThat(e.reason()).isEqualTo(children.indexOf(e.from()));
            }
            assertThat(infoOf(Proc.self()).links()).isEmpty();
        });
    }
}
