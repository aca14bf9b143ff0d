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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ping-pong: two processes bounce a message; the score is nanoseconds per round trip. A pinger
 * sends {@code Ping(self)} to a long-lived ponger, which answers {@code PONG}; the pinger waits
 * for it before the next ping, {@value #ROUND_TRIPS} times per operation. Messages are
 * allocated once. The Erlang VM's counterpart is {@code ping_pong} in
 * {@code benchmarks/erlang/graft_bench.erl}.
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
 *     org.openjdk.jmh.Main 'dev\.graft\.bench\.PingPong\.' -rf json
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Xss1m"})
public class PingPong {
    /** Round trips per operation. */
    static final int ROUND_TRIPS = 10_000;

    static final Object PONG = "pong";

    // ---- Graft ----

    record GraftPing(Pid from) {}

    @State(Scope.Benchmark)
    public static class GraftPonger {
        Pid ponger;

        @Setup
        public void start(GraftNode s) {
            ponger = s.node.spawn(() -> {
                for (;;) {
                    if (Proc.receive() instanceof GraftPing(Pid from)) {
                        Proc.send(from, PONG);
                    }
                }
            });
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public Object graft(GraftNode s, GraftPonger p) throws Exception {
        Pid ponger = p.ponger;
        return s.node.runProcess(() -> {
            GraftPing ping = new GraftPing(Proc.self());
            Object reply = null;
            for (int i = 0; i < ROUND_TRIPS; i++) {
                Proc.send(ponger, ping);
                reply = Proc.receive();
            }
            return reply;
        });
    }

    // ---- bare virtual threads ----

    record QueuePing(VirtualThreads.Mailbox from) {}

    @State(Scope.Benchmark)
    public static class VirtualPonger {
        VirtualThreads.Mailbox mailbox;
        Thread ponger;

        @Setup
        public void start(MailboxKind kind) {
            mailbox = kind.create();
            ponger = VirtualThreads.start(() -> {
                try {
                    for (;;) {
                        if (mailbox.take() instanceof QueuePing(VirtualThreads.Mailbox from)) {
                            from.offer(PONG);
                        }
                    }
                } catch (InterruptedException e) {
                    // stopped
                }
            });
        }

        @TearDown
        public void stop() throws InterruptedException {
            ponger.interrupt();
            ponger.join();
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public Object virtualThreads(VirtualPonger p, MailboxKind kind) throws Exception {
        VirtualThreads.Mailbox ponger = p.mailbox;
        return VirtualThreads.run(() -> {
            VirtualThreads.Mailbox self = kind.create();
            QueuePing ping = new QueuePing(self);
            Object reply = null;
            for (int i = 0; i < ROUND_TRIPS; i++) {
                ponger.offer(ping);
                reply = self.take();
            }
            return reply;
        });
    }

    // ---- Pekko ----

    record Ping(ActorRef<PingerMsg> from) {}

    sealed interface PingerMsg {}

    record Start(int roundTrips, CompletableFuture<Void> done) implements PingerMsg {}

    enum Pong implements PingerMsg { INSTANCE }

    static Behavior<Ping> ponger() {
        return Behaviors.receiveMessage(ping -> {
            ping.from().tell(Pong.INSTANCE);
            return Behaviors.same();
        });
    }

    /** Plays {@code roundTrips} rounds with its ponger on request, then completes the request. */
    static final class Pinger extends AbstractBehavior<PingerMsg> {
        private final ActorRef<Ping> ponger;
        private final Ping ping;
        private CompletableFuture<Void> request;
        private int left;

        Pinger(ActorContext<PingerMsg> context) {
            super(context);
            ponger = context.spawn(ponger(), "ponger");
            ping = new Ping(context.getSelf());
        }

        @Override
        public Receive<PingerMsg> createReceive() {
            return newReceiveBuilder()
                    .onMessageEquals(Pong.INSTANCE, this::pong)
                    .onMessage(Start.class, this::start)
                    .build();
        }

        private Behavior<PingerMsg> start(Start s) {
            request = s.done();
            left = s.roundTrips();
            ponger.tell(ping);
            return this;
        }

        private Behavior<PingerMsg> pong() {
            if (--left == 0) {
                request.complete(null);
            } else {
                ponger.tell(ping);
            }
            return this;
        }
    }

    @State(Scope.Benchmark)
    public static class PekkoPinger {
        ActorSystem<PingerMsg> system;

        @Setup
        public void start() {
            system = Pekko.start(Behaviors.setup(Pinger::new), "ping-pong");
        }

        @TearDown
        public void stop() throws Exception {
            Pekko.stop(system);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public Object pekko(PekkoPinger s) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        s.system.tell(new Start(ROUND_TRIPS, done));
        done.get();
        return done;
    }
}
