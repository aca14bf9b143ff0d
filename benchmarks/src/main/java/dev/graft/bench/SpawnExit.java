package dev.graft.bench;

import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.ProcessFunction;
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
 * Spawn and exit: the cost, per process, of spawning a process that sends its parent one message
 * and exits. The parent, itself a process, spawns {@value #N} such children and then receives
 * their {@value #N} messages; the score is nanoseconds per child. The Erlang VM's counterpart is
 * {@code spawn_exit} in {@code benchmarks/erlang/graft_bench.erl}.
 *
 * <ul>
 *   <li>{@code graft}: {@code Proc.spawn} of a process that does {@code Proc.send(parent, DONE)}.</li>
 *   <li>{@code pekko}: {@code spawnAnonymous} of a typed child actor that tells its parent and
 *       returns {@code Behaviors.stopped()} from its setup.</li>
 *   <li>{@code virtualThreads}: a virtual thread that offers to its parent's mailbox (one of the
 *       two {@link MailboxKind}s).</li>
 * </ul>
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
 *     org.openjdk.jmh.Main 'dev\.graft\.bench\.SpawnExit\.' -rf json
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Xss1m"})
public class SpawnExit {
    /** Children per operation. */
    static final int N = 10_000;

    static final Object DONE = "done";

    // ---- Graft ----

    @Benchmark
    @OperationsPerInvocation(N)
    public Object graft(GraftNode s) throws Exception {
        return s.node.runProcess(() -> {
            Pid parent = Proc.self();
            ProcessFunction child = () -> Proc.send(parent, DONE);
            for (int i = 0; i < N; i++) {
                Proc.spawn(child);
            }
            for (int i = 0; i < N; i++) {
                Proc.receive();
            }
            return parent;
        });
    }

    // ---- bare virtual threads ----

    @Benchmark
    @OperationsPerInvocation(N)
    public Object virtualThreads(MailboxKind kind) throws Exception {
        return VirtualThreads.run(() -> {
            VirtualThreads.Mailbox parent = kind.create();
            Runnable child = () -> parent.offer(DONE);
            for (int i = 0; i < N; i++) {
                VirtualThreads.start(child);
            }
            for (int i = 0; i < N; i++) {
                parent.take();
            }
            return parent;
        });
    }

    // ---- Pekko ----

    sealed interface ParentMsg {}

    record Run(int children, CompletableFuture<Void> done) implements ParentMsg {}

    enum ChildDone implements ParentMsg { INSTANCE }

    /** Spawns children on request and completes the request when all have reported. */
    static final class Parent extends AbstractBehavior<ParentMsg> {
        private final Behavior<Void> child;
        private CompletableFuture<Void> request;
        private int waiting;

        Parent(ActorContext<ParentMsg> context) {
            super(context);
            ActorRef<ParentMsg> self = context.getSelf();
            child = Behaviors.setup(c -> {
                self.tell(ChildDone.INSTANCE);
                return Behaviors.stopped();
            });
        }

        @Override
        public Receive<ParentMsg> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Run.class, this::run)
                    .onMessageEquals(ChildDone.INSTANCE, this::childDone)
                    .build();
        }

        private Behavior<ParentMsg> run(Run r) {
            request = r.done();
            waiting = r.children();
            for (int i = 0; i < r.children(); i++) {
                getContext().spawnAnonymous(child);
            }
            return this;
        }

        private Behavior<ParentMsg> childDone() {
            if (--waiting == 0) {
                request.complete(null);
            }
            return this;
        }
    }

    @State(Scope.Benchmark)
    public static class PekkoParent {
        ActorSystem<ParentMsg> system;

        @Setup
        public void start() {
            system = Pekko.start(Behaviors.setup(Parent::new), "spawn-exit");
        }

        @TearDown
        public void stop() throws Exception {
            Pekko.stop(system);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Object pekko(PekkoParent s) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        s.system.tell(new Run(N, done));
        done.get();
        return done;
    }
}
