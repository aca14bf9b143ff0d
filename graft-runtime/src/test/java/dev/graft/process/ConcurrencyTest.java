package dev.graft.process;

import static dev.graft.process.Procs.awaitDown;
import static dev.graft.process.Procs.awaitMessage;
import static dev.graft.process.Procs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.graft.process.NodeExtension.CrashLog;

/**
 * Many processes at once. Every test waits for the deaths it causes with monitors and checks
 * that the node's process count is back where it started (Graft takes a process out of the
 * node's table before it sends its Downs). Problems found inside processes are collected and
 * asserted at the end, so that one failure does not hide behind a hang.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class ConcurrencyTest {
    private static final int N = 10_000;

    record Numbered(int sender, int seq) {}

    record Bye(int i) {}

    /**
     * Lets other processes run (every other {@code i}), then busy-waits a little, more or less
     * depending on {@code i}: so that the victim of a race sometimes dies first, sometimes not.
     */
    private static void stagger(int i) {
        if (i % 2 == 1) {
            Proc.yield();
        }
        for (int k = (i * 7919) % 64 * 16; k > 0; k--) {
            Thread.onSpinWait();
        }
    }

    @Test
    void tenThousandSenders_everyMessageArrives_inEachSendersOrder(Node node) throws Exception {
        int perSender = 10;
        run(node, () -> {
            // given
            int baseline = node.processCount();
            Pid collector = Proc.self();

            // when
            for (int s = 0; s < N; s++) {
                int sender = s;
                Proc.spawnMonitor(() -> {
                    for (int i = 0; i < perSender; i++) {
                        Proc.send(collector, new Numbered(sender, i));
                    }
                });
            }

            // then
            int[] next = new int[N];
            List<String> problems = new ArrayList<>();
            int messages = 0;
            int downs = 0;
            while (messages < N * perSender || downs < N) {
                switch (Proc.receive()) {
                    case Numbered(int sender, int seq) -> {
                        if (seq != next[sender]) {
                            problems.add("sender " + sender + " sent " + seq + " when " + next[sender] + " was due");
                        }
                        next[sender] = seq + 1;
                        messages++;
                    }
                    case Down d -> {
                        if (d.reason() != Reason.NORMAL) {
                            problems.add("sender " + d.pid() + " died with " + d.reason());
                        }
                        downs++;
                    }
                    case Object other -> problems.add("unexpected " + other);
                }
            }
            assertThat(problems).isEmpty();
            assertThat(next).containsOnly(perSender);
            assertThat(Proc.receive(0)).isNull();
            assertThat(node.processCount()).isEqualTo(baseline);
        });
    }

    @Test
    void tenThousandLinkedPairs_oneKilledWhileTheOtherSendsToIt_eachTrappingSurvivorGetsExactlyOneExit(
            Node node, CrashLog log) throws Exception {
        record Ready(int i, Pid victim) {}
        record Result(int i, Pid victim, Exit exit, Exit extra, int sent) {}
        run(node, () -> {
            // given: survivors that trap exits and send to their linked victim until it dies
            int baseline = node.processCount();
            Pid parent = Proc.self();
            Map<Ref, Integer> survivors = new HashMap<>();
            for (int s = 0; s < N; s++) {
                int i = s;
                Spawned survivor = Proc.spawnMonitor(() -> {
                    Proc.trapExit(true);
                    Pid victim = Proc.spawnLink(() -> {
                        for (;;) {
                            Proc.receive();
                        }
                    });
                    Proc.send(parent, new Ready(i, victim));
                    // (a bounded burst: a loop on Proc.yield() would starve the parent, see
                    // yieldingProcesses_doNotStarveAProcessWokenFromOutside)
                    int sent = 0;
                    Exit exit;
                    while ((exit = Proc.receive(Exit.class, 0)) == null && sent < 1_000) {
                        Proc.send(victim, sent++);
                    }
                    if (exit == null) {
                        exit = Proc.receive(Exit.class);
                    }
                    for (int k = 0; k < 10; k++) {
                        Proc.send(victim, "after its death");
                    }
                    Proc.send(parent, new Result(i, victim, exit, Proc.receive(Exit.class, 0), sent));
                });
                survivors.put(survivor.ref(), i);
            }

            // when: each victim is killed as soon as its survivor is sending
            List<String> problems = new ArrayList<>();
            Set<Integer> results = new HashSet<>();
            int downs = 0;
            while (results.size() < N || downs < N) {
                switch (Proc.receive()) {
                    case Ready r -> Proc.exit(r.victim(), Reason.KILL);
                    case Result r -> {
                        if (!r.exit().equals(new Exit(r.victim(), Reason.KILLED))) {
                            problems.add("survivor " + r.i() + " got " + r.exit());
                        }
                        if (r.extra() != null) {
                            problems.add("survivor " + r.i() + " got a second " + r.extra());
                        }
                        if (!results.add(r.i())) {
                            problems.add("survivor " + r.i() + " reported twice");
                        }
                    }
                    case Down d -> {
                        if (d.reason() != Reason.NORMAL) {
                            problems.add("survivor " + survivors.get(d.ref()) + " died with " + d.reason());
                        }
                        downs++;
                    }
                    case Object other -> problems.add("unexpected " + other);
                }
            }

            // then
            assertThat(problems).isEmpty();
            assertThat(log.records()).as("crash reports").isEmpty();
            assertThat(Proc.receive(0)).isNull();
            assertThat(node.processCount()).isEqualTo(baseline);
        });
    }

    @Test
    void tenThousandProcessesMonitoredWhileTheyExit_exactlyOneDownEach_withTheRealReasonOrNoproc(Node node)
            throws Exception {
        int watchers = 4;
        record Summary(int downs, int noproc, List<String> problems) {}
        run(node, () -> {
            // given: processes that exit with their own reason when told to
            int baseline = node.processCount();
            Pid parent = Proc.self();
            List<Pid> pids = new ArrayList<>();
            for (int s = 0; s < N; s++) {
                int i = s;
                pids.add(Proc.spawn(() -> {
                    awaitMessage("go");
                    Proc.exit(new Bye(i));
                }));
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Spawned> watcherList = new ArrayList<>();
            for (int w = 0; w < watchers; w++) {
                watcherList.add(Proc.spawnMonitor(() -> {
                    start.await();
                    Map<Ref, Integer> refs = new HashMap<>();
                    for (int i = 0; i < N; i++) {
                        refs.put(Proc.monitor(pids.get(i)), i);
                    }
                    Set<Ref> seen = new HashSet<>();
                    List<String> problems = new ArrayList<>();
                    int noproc = 0;
                    while (seen.size() < N) {
                        Down d = Proc.receive(Down.class);
                        Integer i = refs.get(d.ref());
                        if (i == null) {
                            problems.add("Down for an unknown monitor: " + d);
                        } else if (!seen.add(d.ref())) {
                            problems.add("second Down for process " + i + ": " + d);
                        } else if (d.pid() != pids.get(i)) {
                            problems.add("Down names " + d.pid() + " instead of " + pids.get(i));
                        } else if (d.reason() == Reason.NOPROC) {
                            noproc++;
                        } else if (!d.reason().equals(new Bye(i))) {
                            problems.add("process " + i + " reported with reason " + d.reason());
                        }
                    }
                    // a later message from ourselves: any duplicate Down sent by then is before it
                    Proc.send(Proc.self(), "end");
                    for (Object m; !"end".equals(m = Proc.receive()); ) {
                        problems.add("after all Downs: " + m);
                    }
                    Proc.send(parent, new Summary(seen.size(), noproc, problems));
                }));
            }

            // when: they are told to exit while the watchers set their monitors
            start.countDown();
            for (Pid p : pids) {
                Proc.send(p, "go");
            }

            // then
            List<String> problems = new ArrayList<>();
            int total = 0;
            for (int w = 0; w < watchers; w++) {
                Summary s = Proc.receive(Summary.class);
                problems.addAll(s.problems());
                total += s.downs();
            }
            for (Spawned w : watcherList) {
                assertThat(awaitDown(w.ref()).reason()).isEqualTo(Reason.NORMAL);
            }
            assertThat(problems).isEmpty();
            assertThat(total).isEqualTo(watchers * N);
            assertThat(node.processCount()).isEqualTo(baseline);
        });
    }

    @Test
    void tenThousandPairsLinkingWhileOneDies_trappingSurvivorGetsTheExitOrNoproc_neverNeither(Node node) throws Exception {
        record Result(int i, Pid victim, Exit exit, Down down, Exit extra) {}
        run(node, () -> {
            // given: survivors that trap exits, each with a victim that exits when told
            int baseline = node.processCount();
            Pid parent = Proc.self();
            List<Spawned> survivors = new ArrayList<>();
            for (int s = 0; s < N; s++) {
                int i = s;
                survivors.add(Proc.spawnMonitor(() -> {
                    Proc.trapExit(true);
                    Pid victim = Proc.spawn(() -> {
                        awaitMessage("die");
                        Proc.exit(new Bye(i));
                    });
                    awaitMessage("go");
                    // when: the victim is told to die, and linked to after a varying delay
                    Proc.send(victim, "die");
                    stagger(i);
                    Proc.link(victim);
                    Down down = awaitDown(Proc.monitor(victim));
                    // never neither: without an Exit, this waits until the test times out
                    // (the Down is no sentinel for it: see LinkTest.exitOfALink_comesBeforeTheDownOfAMonitorSetLater)
                    Exit exit = Proc.receive(Exit.class);
                    Proc.send(parent, new Result(i, victim, exit, down, Proc.receive(Exit.class, 0)));
                }));
            }
            for (Spawned s : survivors) {
                Proc.send(s.pid(), "go");
            }

            // then
            List<String> problems = new ArrayList<>();
            int noproc = 0;
            for (int n = 0; n < N; n++) {
                Result r = Proc.receive(Result.class);
                if (r.exit().from() != r.victim()) {
                    problems.add("survivor " + r.i() + " got " + r.exit() + " from another process");
                } else if (r.exit().reason() == Reason.NOPROC) {
                    noproc++;
                    if (r.down().reason() != Reason.NOPROC) {
                        problems.add("survivor " + r.i() + ": link saw it dead (noproc), the later monitor saw it alive: " + r.down());
                    }
                } else if (!r.exit().reason().equals(new Bye(r.i()))) {
                    problems.add("survivor " + r.i() + " got " + r.exit());
                }
                if (r.extra() != null) {
                    problems.add("survivor " + r.i() + " got a second " + r.extra());
                }
            }
            for (Spawned s : survivors) {
                Object reason = awaitDown(s.ref()).reason();
                if (reason != Reason.NORMAL) {
                    problems.add("survivor " + s.pid() + " died with " + reason);
                }
            }
            assertThat(problems).isEmpty();
            assertThat(node.processCount()).isEqualTo(baseline);
        });
    }

    @Test
    void tenThousandPairsLinkingWhileOneDies_nonTrappingSurvivorAlwaysDies_withTheReasonOrNoproc(Node node) throws Exception {
        run(node, () -> {
            // given: survivors that do not trap exits
            int baseline = node.processCount();
            Pid parent = Proc.self();
            Map<Ref, Integer> survivors = new HashMap<>();
            List<Pid> survivorPids = new ArrayList<>();
            for (int s = 0; s < N; s++) {
                int i = s;
                Spawned survivor = Proc.spawnMonitor(() -> {
                    Pid victim = Proc.spawn(() -> {
                        awaitMessage("die");
                        Proc.exit(new Bye(i));
                    });
                    awaitMessage("go");
                    // when
                    Proc.send(victim, "die");
                    stagger(i);
                    Proc.link(victim);
                    awaitDown(Proc.monitor(victim));
                    Proc.yield(); // a runtime call: a process told to die dies here at the latest
                    Proc.send(parent, "survived " + i);
                });
                survivors.put(survivor.ref(), i);
                survivorPids.add(survivor.pid());
            }
            for (Pid p : survivorPids) {
                Proc.send(p, "go");
            }

            // then
            List<String> problems = new ArrayList<>();
            for (int n = 0; n < N; n++) {
                switch (Proc.receive()) {
                    case Down d -> {
                        int i = survivors.get(d.ref());
                        if (d.reason() != Reason.NOPROC && !d.reason().equals(new Bye(i))) {
                            problems.add("survivor " + i + " died with " + d.reason());
                        }
                    }
                    case Object other -> problems.add(String.valueOf(other));
                }
            }
            assertThat(problems).isEmpty();
            assertThat(node.processCount()).isEqualTo(baseline);
        });
    }

    /**
     * Pids are numbered per node, so two nodes of one JVM have processes with the same number.
     * Two such processes linking and unlinking each other at the same time must not deadlock.
     * A deadlock shows as this test's timeout (it runs in a thread of its own, which a
     * deadlock would leave blocked, with the two processes BLOCKED in ProcessCell.link or
     * unlink; the nodes are then left unstopped, as node.stop would block on their locks).
     */
    @Test
    @Timeout(value = 15, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void linkAndUnlink_betweenProcessesOfTwoNodesWithTheSameNumber_neverDeadlock() throws Exception {
        Node a = Node.start("a");
        Node b = Node.start("b");
        // given: process 1 of node a and process 1 of node b
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(2);
        ProcessFunction body = () -> {
            Pid partner = Proc.receive(Pid.class);
            go.await();
            for (int k = 0; k < 1_000_000; k++) {
                Proc.link(partner);
                Proc.unlink(partner);
            }
            finished.countDown();
            Procs.idle();
        };
        Pid pa = a.spawn(body);
        Pid pb = b.spawn(body);
        assertThat(pa.id()).isEqualTo(pb.id());
        a.send(pa, pb);
        b.send(pb, pa);

        // when
        go.countDown();

        // then
        finished.await();
        assertThat(a.stop(Duration.ofSeconds(10))).isTrue();
        assertThat(b.stop(Duration.ofSeconds(10))).isTrue();
    }

    /**
     * node.stop kills every process, including those spawned while it runs: a spawn either
     * fails (the node is stopped) or its process is killed too.
     */
    @Test
    void nodeStop_whileProcessesAreSpawning_leavesNoProcessAlive(Node node) throws Exception {
        List<String> problems = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            // given: a node whose processes spawn children as fast as they can
            Node spawning = Node.start("spawning-" + round);
            CountDownLatch childrenRunning = new CountDownLatch(200);
            for (int s = 0; s < 4; s++) {
                spawning.spawn(() -> {
                    for (;;) {
                        Proc.spawn(() -> {
                            childrenRunning.countDown();
                            Procs.idle();
                        });
                        Proc.yield();
                    }
                });
            }
            childrenRunning.await();

            // when
            boolean finished;
            try {
                finished = spawning.stop(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                problems.add("round " + round + ": stop threw " + e);
                continue;
            }

            // then
            if (!finished) {
                problems.add("round " + round + ": stop did not finish");
            }
            List<Pid> left = spawning.processes();
            if (!left.isEmpty()) {
                problems.add("round " + round + ": alive after stop: " + left);
                run(node, () -> left.forEach(p -> Proc.exit(p, Reason.KILL))); // clean up
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Erlang schedules fairly: a process that is woken up runs, however many others are busy.
     * Here more processes than the scheduler has carrier threads loop on Proc.yield(), and a
     * process waits for a timer message; it must get it and stop them. (Fails most runs: the
     * test then times out, and node.stop ends the yielding processes.)
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void yieldingProcesses_doNotStarveAProcessWokenFromOutside(Node node) throws Exception {
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
        run(node, () -> {
            // given: busy processes that stay killable by calling Proc.yield()
            List<Pid> busy = new ArrayList<>();
            for (int i = 0; i < 32 * carriers; i++) {
                busy.add(Proc.spawn(() -> {
                    while (Proc.receive(0) == null) {
                        Proc.yield();
                    }
                }));
            }

            // when
            Proc.sendAfter(50, Proc.self(), "wake up");

            // then
            assertThat(Proc.receive()).isEqualTo("wake up");
            for (Pid p : busy) {
                Proc.send(p, "stop");
            }
        });
    }
}
