package dev.graft.bench;

import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One-way throughput, one-to-one ({@code senders=1}) and four-to-one ({@code senders=4}): the
 * senders, long-lived processes, together send {@value #MESSAGES} messages to one receiver as
 * fast as they can, each then a {@code Done}; the receiver acknowledges once it has every
 * sender's {@code Done}, which, as messages from one sender arrive in order, means it has taken
 * every message. The score is messages per second. The message is one preallocated object; the
 * mailboxes are unbounded, so senders may run ahead. The Erlang VM's counterparts are
 * {@code one_to_one} and {@code four_to_one} in {@code benchmarks/erlang/graft_bench.erl}.
 *
 * <p>The figures in {@code benchmarks/RESULTS.md} come from {@code benchmarks/run}, which builds
 * the module and then, from the repository's root, runs three rounds (N = 1, 2, 3) of, among
 * others, this command with this class's settings, pooling the three rounds' iterations:
 * <pre>{@code
 * java -cp "benchmarks/target/classes:graft-runtime/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.openjdk.jmh.Main -rf json -rff benchmarks/target/results/jmh-N.json \
 *     'dev\.graft\.bench\.(SpawnExit|PingPong|GenServerCall|Throughput)\.'
 * }</pre>
 * This class alone, after {@code ./mvnw -q -B -pl benchmarks -am package -DskipTests}:
 * <pre>{@code
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.openjdk.jmh.Main 'dev\.graft\.bench\.Throughput\.' -rf json
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Xss1m"})
@State(Scope.Benchmark)
public class Throughput {
    /** Messages per operation, from all senders together. */
    static final int MESSAGES = 100_000;

    static final Object MSG = "msg";
    static final Object ACK = "ack";

    @Param({"1", "4"})
    public int senders;

    // ---- Graft ----

    record GraftGo(int count, GraftDone done) {}

    record GraftDone(Pid replyTo) {}

    @State(Scope.Benchmark)
    public static class GraftProcesses {
        Pid[] senders;

        @Setup
        public void start(GraftNode s, Throughput b) {
            int n = b.senders;
            Pid sink = s.node.spawn(() -> {
                int dones = 0;
                for (;;) {
                    Object m = Proc.receive();
                    if (m != MSG && m instanceof GraftDone(Pid replyTo) && ++dones == n) {
                        dones = 0;
                        Proc.send(replyTo, ACK);
                    }
                }
            });
            senders = new Pid[n];
            for (int i = 0; i < n; i++) {
                senders[i] = s.node.spawn(() -> {
                    for (;;) {
                        GraftGo go = Proc.receive(GraftGo.class);
                        for (int k = go.count(); k > 0; k--) {
                            Proc.send(sink, MSG);
                        }
                        Proc.send(sink, go.done());
                    }
                });
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public Object graft(GraftNode s, GraftProcesses p) throws Exception {
        Pid[] senders = p.senders;
        return s.node.runProcess(() -> {
            GraftGo go = new GraftGo(MESSAGES / senders.length, new GraftDone(Proc.self()));
            for (Pid sender : senders) {
                Proc.send(sender, go);
            }
            return Proc.receive();
        });
    }

    // ---- bare virtual threads ----

    record QueueGo(int count, QueueDone done) {}

    record QueueDone(VirtualThreads.Mailbox replyTo) {}

    @State(Scope.Benchmark)
    public static class VirtualThreadsState {
        Thread[] threads;
        VirtualThreads.Mailbox[] senders;

        @Setup
        public void start(Throughput b, MailboxKind kind) {
            int n = b.senders;
            VirtualThreads.Mailbox sink = kind.create();
            threads = new Thread[n + 1];
            threads[n] = VirtualThreads.start(() -> {
                try {
                    int dones = 0;
                    for (;;) {
                        Object m = sink.take();
                        if (m != MSG && m instanceof QueueDone(VirtualThreads.Mailbox replyTo) && ++dones == n) {
                            dones = 0;
                            replyTo.offer(ACK);
                        }
                    }
                } catch (InterruptedException e) {
                    // stopped
                }
            });
            senders = new VirtualThreads.Mailbox[n];
            for (int i = 0; i < n; i++) {
                VirtualThreads.Mailbox mailbox = kind.create();
                senders[i] = mailbox;
                threads[i] = VirtualThreads.start(() -> {
                    try {
                        for (;;) {
                            if (mailbox.take() instanceof QueueGo go) {
                                for (int k = go.count(); k > 0; k--) {
                                    sink.offer(MSG);
                                }
                                sink.offer(go.done());
                            }
                        }
                    } catch (InterruptedException e) {
                        // stopped
                    }
                });
            }
        }

        @TearDown
        public void stop() throws InterruptedException {
            for (Thread t : threads) {
                t.interrupt();
                t.join();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public Object virtualThreads(VirtualThreadsState v, MailboxKind kind) throws Exception {
        VirtualThreads.Mailbox[] senders = v.senders;
        return VirtualThreads.run(() -> {
            VirtualThreads.Mailbox self = kind.create();
            QueueGo go = new QueueGo(MESSAGES / senders.length, new QueueDone(self));
            for (VirtualThreads.Mailbox sender : senders) {
                sender.offer(go);
            }
            return self.take();
        });
    }

    // ---- Pekko ----

    sealed interface SinkMsg {}

    enum Msg implements SinkMsg { INSTANCE }

    record Done(CompletableFuture<Void> request) implements SinkMsg {}

    record Go(int count, Done done) {}

    /** Counts {@code Done}s; completes the request once every sender's has come. */
    static final class Sink extends AbstractBehavior<SinkMsg> {
        private final int senders;
        private int dones;

        Sink(ActorContext<SinkMsg> context, int senders) {
            super(context);
            this.senders = senders;
        }

        @Override
        public Receive<SinkMsg> createReceive() {
            return newReceiveBuilder()
                    .onMessageEquals(Msg.INSTANCE, () -> this)
                    .onMessage(Done.class, this::done)
                    .build();
        }

        private Behavior<SinkMsg> done(Done d) {
            if (++dones == senders) {
                dones = 0;
                d.request().complete(null);
            }
            return this;
        }
    }

    static Behavior<Go> sender(ActorRef<SinkMsg> sink) {
        return Behaviors.receiveMessage(go -> {
            for (int k = go.count(); k > 0; k--) {
                sink.tell(Msg.INSTANCE);
            }
            sink.tell(go.done());
            return Behaviors.same();
        });
    }

    @State(Scope.Benchmark)
    public static class PekkoActors {
        ActorSystem<Void> system;
        ActorRef<Go>[] senders;

        @Setup
        @SuppressWarnings("unchecked")
        public void start(Throughput b) throws Exception {
            int n = b.senders;
            CompletableFuture<ActorRef<Go>[]> spawned = new CompletableFuture<>();
            system = Pekko.start(Behaviors.<Void>setup(ctx -> {
                ActorRef<SinkMsg> sink = ctx.spawn(Behaviors.setup(c -> new Sink(c, n)), "sink");
                ActorRef<Go>[] refs = new ActorRef[n];
                for (int i = 0; i < n; i++) {
                    refs[i] = ctx.spawn(sender(sink), "sender-" + i);
                }
                spawned.complete(refs);
                return Behaviors.empty();
            }), "throughput");
            senders = spawned.get(30, TimeUnit.SECONDS);
        }

        @TearDown
        public void stop() throws Exception {
            Pekko.stop(system);
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public Object pekko(PekkoActors a) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Go go = new Go(MESSAGES / a.senders.length, new Done(done));
        for (ActorRef<Go> sender : a.senders) {
            sender.tell(go);
        }
        done.get();
        return done;
    }
}
