package dev.graft.process;

import static dev.graft.process.Procs.assertAnswers;
import static dev.graft.process.Procs.awaitDown;
import static dev.graft.process.Procs.awaitExit;
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

/**
 * Links. Graft signals a dying process's links before its monitors, so a test that has seen the
 * {@link Down} of a process knows its link signals have been handled.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class LinkTest {
    record DiskFull(String disk) {}

    /** Spawns an echo process linked to {@code partner}; returns once the link exists. */
    private static Pid spawnEchoLinkedTo(Pid partner) {
        Pid parent = Proc.self();
        Pid linked = Proc.spawn(() -> {
            Proc.link(partner);
            Proc.send(parent, "linked");
            Procs.echo();
        });
        awaitMessage("linked");
        return linked;
    }

    @Test
    void link_partnerExitsNormally_linkedNonTrappingProcessLivesOn(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid partner = Proc.spawn(() -> awaitMessage("stop"));
            Pid linked = spawnEchoLinkedTo(partner);
            Ref partnerMonitor = Proc.monitor(partner);

            // when
            Proc.send(partner, "stop");

            // then
            assertThat(awaitDown(partnerMonitor).reason()).isEqualTo(Reason.NORMAL);
            assertAnswers(linked);
            assertThat(infoOf(linked).links()).isEmpty();
        });
    }

    @Test
    void link_partnerExitsAbnormally_linkedNonTrappingProcessDiesWithTheSameReason(Node node) throws Exception {
        run(node, () -> {
            // given
            DiskFull reason = new DiskFull("/var");
            Pid partner = Proc.spawn(() -> {
                awaitMessage("die");
                Proc.exit(reason);
            });
            Pid linked = spawnEchoLinkedTo(partner);
            Ref linkedMonitor = Proc.monitor(linked);

            // when
            Proc.send(partner, "die");

            // then
            assertThat(awaitDown(linkedMonitor).reason()).isSameAs(reason);
        });
    }

    @Test
    void link_partnerCrashes_linkedNonTrappingProcessDiesWithTheThrowable(Node node) throws Exception {
        run(node, () -> {
            // given
            IllegalStateException boom = new IllegalStateException("boom");
            Pid partner = Proc.spawn(() -> {
                awaitMessage("die");
                throw boom;
            });
            Pid linked = spawnEchoLinkedTo(partner);
            Ref linkedMonitor = Proc.monitor(linked);

            // when
            Proc.send(partner, "die");

            // then
            assertThat(awaitDown(linkedMonitor).reason()).isSameAs(boom);
        });
    }

    @Test
    void link_isBidirectional_theCallerDyingKillsTheProcessItLinkedTo(Node node) throws Exception {
        run(node, () -> {
            // given: a process links to an echo process, then exits
            Pid target = Proc.spawn(Procs::echo);
            Ref targetMonitor = Proc.monitor(target);

            // when
            Proc.spawn(() -> {
                Proc.link(target);
                Proc.exit("bye");
            });

            // then
            assertThat(awaitDown(targetMonitor).reason()).isEqualTo("bye");
        });
    }

    @Test
    void link_deathsPropagateAlongAChainOfLinks(Node node) throws Exception {
        run(node, () -> {
            // given: a - b - c, none trapping
            Pid a = Proc.spawn(() -> {
                awaitMessage("die");
                Proc.exit("chain");
            });
            Pid b = spawnEchoLinkedTo(a);
            Pid c = spawnEchoLinkedTo(b);
            Ref cMonitor = Proc.monitor(c);

            // when
            Proc.send(a, "die");

            // then
            assertThat(awaitDown(cMonitor).reason()).isEqualTo("chain");
        });
    }

    @Test
    void link_toADeadPid_trappingCallerReceivesExitNoproc(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid dead = deadPid();
            Proc.trapExit(true);

            // when
            Proc.link(dead);

            // then
            Exit exit = (Exit) Proc.receive(0);
            assertThat(exit).isEqualTo(new Exit(dead, Reason.NOPROC));
            assertThat(infoOf(Proc.self()).links()).isEmpty();
        });
    }

    @Test
    void link_toADeadPid_nonTrappingCallerDiesWithNoproc(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            Pid dead = deadPid();

            // when
            Spawned caller = Proc.spawnMonitor(() -> {
                Proc.link(dead);
                Proc.send(parent, "survived the link");
            });

            // then
            assertThat(awaitDown(caller.ref()).reason()).isEqualTo(Reason.NOPROC);
            assertThat(Proc.receive(0)).isNull();
        });
    }

    /**
     * Erlang: {@code link/1} to a process that does not exist, in a process that does not trap
     * exits, raises the error {@code noproc}; a {@code catch} stops it and the process goes on
     * (checked on OTP 25: {@code catch link(Dead)} returns {@code {'EXIT',{noproc,...}}} and the
     * process then exits with its own reason).
     */
    @Test
    void link_toADeadPid_nonTrappingCallerCanCatchTheErrorAndLiveOn(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            Pid dead = deadPid();

            // when
            Spawned caller = Proc.spawnMonitor(() -> {
                try {
                    Proc.link(dead);
                } catch (RuntimeException noproc) {
                    Proc.send(parent, "caught " + noproc);
                }
                Proc.exit("own reason");
            });

            // then
            Down down = awaitDown(caller.ref());
            assertThat(down.reason()).isEqualTo("own reason");
            assertThat(Proc.receive(String.class, 0)).startsWith("caught");
        });
    }

    @Test
    void unlink_stopsTheExitSignal(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid partner = Proc.spawn(() -> {
                awaitMessage("die");
                Proc.exit("crash");
            });
            Pid parent = Proc.self();
            Pid linked = Proc.spawn(() -> {
                Proc.link(partner);
                Proc.unlink(partner);
                Proc.send(parent, "unlinked");
                Procs.echo();
            });
            awaitMessage("unlinked");
            Ref partnerMonitor = Proc.monitor(partner);

            // when
            Proc.send(partner, "die");

            // then
            assertThat(awaitDown(partnerMonitor).reason()).isEqualTo("crash");
            assertAnswers(linked);
        });
    }

    @Test
    void unlink_byTheOtherSide_removesTheLinkForBoth(Node node) throws Exception {
        run(node, () -> {
            // given: the caller traps exits, so it would see an Exit if a link were left
            Proc.trapExit(true);
            Pid partner = Proc.spawn(() -> {
                Proc.unlink((Pid) Proc.receive());
                Proc.exit("crash");
            });
            Proc.link(partner);
            Ref partnerMonitor = Proc.monitor(partner);

            // when
            Proc.send(partner, Proc.self());

            // then
            assertThat(awaitDown(partnerMonitor).reason()).isEqualTo("crash");
            assertThat(Proc.receive(Exit.class, 0)).isNull();
            assertThat(infoOf(Proc.self()).links()).isEmpty();
        });
    }

    @Test
    void unlink_ofAProcessNotLinked_isHarmless(Node node) throws Exception {
        run(node, () -> {
            Pid other = Procs.spawnIdle();
            Proc.unlink(other);
            Proc.unlink(deadPid());
            assertThat(infoOf(Proc.self()).links()).isEmpty();
            assertThat(infoOf(other).links()).isEmpty();
        });
    }

    @Test
    void link_twice_isOneLink_andGivesOneExit(Node node) throws Exception {
        run(node, () -> {
            // given
            Proc.trapExit(true);
            Pid partner = Proc.spawn(() -> {
                awaitMessage("die");
                Proc.exit("crash");
            });
            Proc.link(partner);
            Proc.link(partner);
            assertThat(infoOf(Proc.self()).links()).containsExactly(partner);
            Ref partnerMonitor = Proc.monitor(partner);

            // when
            Proc.send(partner, "die");

            // then: the Down comes after the link signals
            awaitDown(partnerMonitor);
            assertThat(Proc.receive(Exit.class, 0)).isEqualTo(new Exit(partner, "crash"));
            assertThat(Proc.receive(Exit.class, 0)).isNull();
        });
    }

    @Test
    void link_toSelf_doesNothing(Node node) throws Exception {
        run(node, () -> {
            Proc.link(Proc.self());
            assertThat(infoOf(Proc.self()).links()).isEmpty();
        });
    }

    @Test
    void link_isListedOnBothSides(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid other = Procs.spawnIdle();

            // when
            Proc.link(other);

            // then
            assertThat(infoOf(Proc.self()).links()).containsExactly(other);
            assertThat(infoOf(other).links()).containsExactly(Proc.self());
            Proc.unlink(other);
            assertThat(infoOf(Proc.self()).links()).isEmpty();
            assertThat(infoOf(other).links()).isEmpty();
        });
    }

    @Test
    void link_ofATrappingProcess_isRemovedWhenTheExitArrives(Node node) throws Exception {
        run(node, () -> {
            // given
            Proc.trapExit(true);
            Pid partner = Proc.spawnLink(() -> awaitMessage("stop"));

            // when
            Proc.send(partner, "stop");

            // then
            assertThat(awaitExit(partner).reason()).isEqualTo(Reason.NORMAL);
            assertThat(infoOf(Proc.self()).links()).isEmpty();
        });
    }

    /**
     * Erlang keeps the order of the signals one process sends another: the exit signal a dying
     * process sends through a link comes before the 'DOWN' of a monitor set on it afterwards,
     * even when that 'DOWN' says noproc (checked on OTP 25: in 300,000 link-then-monitor races,
     * the 'EXIT' was always already there when the 'DOWN' was received). Code such as
     * "receive the DOWN, then flush the EXIT with after 0" relies on it.
     *
     * <p>Here the dying process has many other links, so it takes a while to signal them all;
     * the caller waits until it is no longer alive, monitors it, and looks for the Exit as soon
     * as the Down is there.
     */
    @Test
    void exitOfALink_comesBeforeTheDownOfAMonitorSetLater(Node node) throws Exception {
        run(node, () -> {
            // given: many trapping processes, to which each victim will be linked
            Proc.trapExit(true);
            Pid parent = Proc.self();
            List<Pid> others = new ArrayList<>();
            for (int h = 0; h < 2_000; h++) {
                others.add(Proc.spawn(() -> {
                    Proc.trapExit(true);
                    Proc.send(parent, "trapping");
                    for (;;) {
                        Proc.receive();
                    }
                }));
            }
            for (int h = 0; h < others.size(); h++) {
                awaitMessage("trapping");
            }
            int downBeforeExit = 0;
            for (int round = 0; round < 50; round++) {
                Pid victim = Proc.spawn(() -> {
                    for (Pid o : others) {
                        Proc.link(o);
                    }
                    Proc.send(parent, "linked");
                    awaitMessage("die");
                    Proc.exit("bye");
                });
                awaitMessage("linked");
                Proc.link(victim);

                // when
                Proc.send(victim, "die");
                while (Proc.isAlive(victim)) {
                    Thread.onSpinWait();
                }
                Down down = awaitDown(Proc.monitor(victim));

                // then
                Exit exit = Proc.receive(Exit.class, 0);
                if (exit == null) {
                    downBeforeExit++;
                    exit = Proc.receive(Exit.class);
                }
                assertThat(exit).isEqualTo(new Exit(victim, "bye"));
                assertThat(down.reason()).isEqualTo(Reason.NOPROC);
            }
            assertThat(downBeforeExit).as("rounds where the Down came before the Exit").isZero();
        });
    }
}
