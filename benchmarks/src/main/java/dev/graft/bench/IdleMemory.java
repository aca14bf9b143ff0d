package dev.graft.bench;

import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.ProcessFunction;
import dev.graft.process.ProcessInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Memory per idle process: the heap a process costs while it waits in a receive. Heap used after
 * full collections is read before and after starting N idle processes (N = 100,000 unless
 * given); the difference divided by N is the figure.
 *
 * <p>Before the first reading the framework is started and warmed up: {@value #WARMUP_ROUNDS}
 * rounds of N idle processes are started, woken and left to end, so that spawn and receive are
 * compiled. This matters on the JVM: a parked virtual thread keeps its frames in a heap stack
 * chunk, and interpreted frames are larger than compiled ones, so without a warm-up the figure
 * depends on how far the JIT had got (it varied by a third from run to run). The arrays that keep
 * the N handles are allocated before the first reading too.
 *
 * <ul>
 *   <li>{@code graft}: processes blocked in {@code Proc.receive()}.</li>
 *   <li>{@code virtual-threads-ltq} and {@code virtual-threads-clq}: virtual threads blocked in
 *       {@code take} on a mailbox of their own, a {@code LinkedTransferQueue} or a
 *       {@code ConcurrentLinkedQueue} with park/unpark (see {@link VirtualThreads}).</li>
 *   <li>{@code pekko}: typed actors with no messages, spawned by one parent.</li>
 * </ul>
 *
 * <p>Prints one line, {@code RESULT workload=idle_memory impl=<impl> value=<bytes per process>
 * unit=B/process n=<N> before=<bytes> after=<bytes>}. Each implementation runs in a JVM of its
 * own. The Erlang VM's counterpart is {@code idle_memory} in {@code benchmarks/erlang/graft_bench.erl}.
 *
 * <p>The figures in {@code benchmarks/RESULTS.md} come from {@code benchmarks/run}, which builds
 * the module and then, from the repository's root, runs this once per round (three rounds) for
 * each of {@code graft}, {@code virtual-threads-ltq}, {@code virtual-threads-clq} and
 * {@code pekko}, and reports the median:
 * <pre>{@code
 * java -Xms2g -Xmx2g \
 *     -cp "benchmarks/target/classes:graft-runtime/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     dev.graft.bench.IdleMemory graft 100000
 * }</pre>
 */
public final class IdleMemory {
    private IdleMemory() {}

    static final int WARMUP_ROUNDS = 2;

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: IdleMemory graft|virtual-threads-ltq|virtual-threads-clq|pekko [processes]");
            System.exit(2);
        }
        String impl = args[0];
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Probe probe = switch (impl) {
            case "graft" -> new GraftProbe();
            case "virtual-threads-ltq" -> new VirtualThreadsProbe("LinkedTransferQueue");
            case "virtual-threads-clq" -> new VirtualThreadsProbe("ConcurrentLinkedQueue");
            case "pekko" -> new PekkoProbe();
            default -> throw new IllegalArgumentException("unknown implementation: " + impl);
        };
        probe.prepare(n);
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            probe.spawnIdle(n);
            probe.awaitIdle();
            probe.release();
        }
        long before = heapUsedAfterGc();
        probe.spawnIdle(n);
        probe.awaitIdle();
        long after = heapUsedAfterGc();
        System.out.printf(Locale.ROOT, "RESULT workload=idle_memory impl=%s value=%.1f unit=B/process n=%d before=%d after=%d%n",
                impl, (after - before) / (double) n, n, before, after);
        probe.stop();
    }

    /** Heap used after collections stop reclaiming anything (at most ten rounds). */
    static long heapUsedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long now = memory.getHeapMemoryUsage().getUsed();
            if (i >= 3 && now >= used - 1024) {
                return now;
            }
            used = Math.min(used, now);
        }
        return used;
    }

    interface Probe {
        /** Starts the framework, runs one process to its end, and allocates room for n handles. */
        void prepare(int n) throws Exception;

        void spawnIdle(int n) throws Exception;

        /** Returns once every process is parked in its receive. */
        void awaitIdle() throws Exception;

        /** Sends every process a message, on which it ends, and waits until all have. */
        void release() throws Exception;

        void stop() throws Exception;
    }

    static final class GraftProbe implements Probe {
        private Node node;
        private Pid[] pids;

        @Override
        public void prepare(int n) throws Exception {
            node = Node.start("idle-memory");
            node.runProcess(() -> Proc.receive(0));
            pids = new Pid[n];
        }

        @Override
        public void spawnIdle(int n) {
            ProcessFunction idle = Proc::receive;
            for (int i = 0; i < n; i++) {
                pids[i] = node.spawn(idle);
            }
        }

        @Override
        public void awaitIdle() throws InterruptedException {
            for (Pid pid : pids) {
                while (node.info(pid).map(ProcessInfo::status).orElseThrow() != ProcessInfo.Status.WAITING) {
                    Thread.sleep(1);
                }
            }
            Thread.sleep(200); // from WAITING to parked and unmounted is a few instructions more
        }

        @Override
        public void release() throws InterruptedException {
            for (Pid pid : pids) {
                node.send(pid, "stop");
            }
            while (node.processCount() > 0) {
                Thread.sleep(1);
            }
            Arrays.fill(pids, null);
        }

        @Override
        public void stop() throws InterruptedException {
            node.stop(Duration.ofSeconds(30));
        }
    }

    static final class VirtualThreadsProbe implements Probe {
        private final String queue;
        private Thread[] threads;
        private VirtualThreads.Mailbox[] mailboxes;

        VirtualThreadsProbe(String queue) {
            this.queue = queue;
        }

        @Override
        public void prepare(int n) {
            threads = new Thread[n];
            mailboxes = new VirtualThreads.Mailbox[n];
        }

        @Override
        public void spawnIdle(int n) {
            for (int i = 0; i < n; i++) {
                VirtualThreads.Mailbox mailbox = MailboxKind.of(queue);
                mailboxes[i] = mailbox;
                threads[i] = VirtualThreads.start(() -> {
                    try {
                        mailbox.take();
                    } catch (InterruptedException e) {
                        // stopped
                    }
                });
            }
        }

        @Override
        public void awaitIdle() throws InterruptedException {
            for (Thread t : threads) {
                while (t.getState() != Thread.State.WAITING) {
                    Thread.sleep(1);
                }
            }
        }

        @Override
        public void release() throws InterruptedException {
            for (VirtualThreads.Mailbox m : mailboxes) {
                m.offer("stop");
            }
            for (Thread t : threads) {
                t.join();
            }
            Arrays.fill(threads, null);
            Arrays.fill(mailboxes, null);
        }

        @Override
        public void stop() throws InterruptedException {
            for (Thread t : threads) {
                t.interrupt();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    static final class PekkoProbe implements Probe {
        record SpawnIdle(ActorRef<Object>[] into, CompletableFuture<Void> done) {}

        private ActorSystem<SpawnIdle> system;
        private ActorRef<Object>[] actors;
        /** Actors started and not yet stopped. */
        private final AtomicInteger live = new AtomicInteger();

        @Override
        @SuppressWarnings("unchecked")
        public void prepare(int n) {
            Behavior<Object> idle = Behaviors.receiveMessage(m -> {
                live.decrementAndGet();
                return Behaviors.stopped();
            });
            Behavior<Object> counted = Behaviors.setup(ctx -> {
                live.incrementAndGet();
                return idle;
            });
            system = Pekko.start(Behaviors.<SpawnIdle>receive((ctx, s) -> {
                for (int i = 0; i < s.into().length; i++) {
                    s.into()[i] = ctx.spawnAnonymous(counted);
                }
                s.done().complete(null);
                return Behaviors.same();
            }), "idle-memory");
            actors = new ActorRef[n];
        }

        @Override
        public void spawnIdle(int n) throws Exception {
            CompletableFuture<Void> done = new CompletableFuture<>();
            system.tell(new SpawnIdle(actors, done));
            done.get(60, TimeUnit.SECONDS);
        }

        @Override
        public void awaitIdle() throws InterruptedException {
            while (live.get() < actors.length) {
                Thread.sleep(1);
            }
            Thread.sleep(200);
        }

        @Override
        public void release() throws InterruptedException {
            for (ActorRef<Object> a : actors) {
                a.tell("stop");
            }
            while (live.get() > 0) {
                Thread.sleep(1);
            }
            Thread.sleep(200); // the parent hears of its children's ends after they have stopped
            Arrays.fill(actors, null);
        }

        @Override
        public void stop() throws Exception {
            Pekko.stop(system);
        }
    }
}
