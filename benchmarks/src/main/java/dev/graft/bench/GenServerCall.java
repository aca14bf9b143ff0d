package dev.graft.bench;

import dev.graft.bench.code.BenchModules;
import dev.graft.behaviour.GenServer;
import dev.graft.process.Pid;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
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
 * A synchronous call round trip: a caller asks a long-lived server and waits for its answer
 * before the next request, {@value #CALLS} times per operation; the score is nanoseconds per
 * call. The harness is {@link PingPong}'s, with each side's request-reply protocol in place of
 * a bare message. The Erlang VM's counterpart is {@code gen_server_call} in
 * {@code benchmarks/erlang/graft_bench.erl}: {@code gen_server:call} from a process.
 *
 * <ul>
 *   <li>{@code graft}: a process calls {@code GenServer.call(server, request)} (default 5 s
 *       timeout) on a server of module {@code bench.Counter}, loaded through the code server,
 *       so every message goes to the module's current version, as in Erlang. A call monitors
 *       the server, sends, receives the reply selectively and takes the monitor down.</li>
 *   <li>{@code pekko}: a typed actor asks the server with {@code ActorContext.ask} (Pekko
 *       typed's ask between actors: {@code AskPattern.ask} with a temporary reply actor and a
 *       timeout, its answer piped back to the caller as a message) and asks again when the
 *       answer comes.</li>
 *   <li>{@code pekkoAskAndWait}: a virtual thread calls {@code AskPattern.ask} and waits on the
 *       returned stage before the next: Pekko's way for code outside actors to make a call and
 *       block on it, as a Graft process does.</li>
 * </ul>
 *
 * <p>The figures in {@code benchmarks/RESULTS.md} come from {@code benchmarks/run}, which runs
 * three rounds (N = 1, 2, 3) of, among others, this command, pooling the rounds' iterations:
 * <pre>{@code
 * java -cp "benchmarks/target/classes:graft-runtime/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.openjdk.jmh.Main -rf json -rff benchmarks/target/results/jmh-N.json \
 *     'dev\.graft\.bench\.(SpawnExit|PingPong|GenServerCall|Throughput)\.'
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Xss1m"})
public class GenServerCall {
    /** Calls per operation. */
    static final int CALLS = 10_000;

    static final Object REQUEST = "inc";
    /** Pekko's ask timeout: GenServer.call's default. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    // ---- Graft ----

    @State(Scope.Benchmark)
    public static class GraftServer {
        Pid server;

        @Setup
        public void start(GraftNode s) throws Exception {
            Class<? extends GenServer<?>> counter = BenchModules.loadCounter(s.node);
            server = s.node.runProcess(() -> GenServer.start(counter, null).pid());
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public Object graft(GraftNode s, GraftServer g) throws Exception {
        Pid server = g.server;
        return s.node.runProcess(() -> {
            Object reply = null;
            for (int i = 0; i < CALLS; i++) {
                reply = GenServer.call(server, REQUEST);
            }
            return reply;
        });
    }

    // ---- Pekko ----

    /** The server's request: {@code gen_server}'s call with its {@code From}. */
    record Request(Object body, ActorRef<Long> replyTo) {}

    /** Answers each request with the count of requests before it, as {@code bench.Counter} does. */
    static Behavior<Request> counter() {
        return Behaviors.setup(ctx -> {
            long[] calls = {0};
            return Behaviors.receiveMessage(r -> {
                r.replyTo().tell(calls[0]++);
                return Behaviors.same();
            });
        });
    }

    sealed interface CallerMsg {}

    record Start(int calls, CompletableFuture<Object> done) implements CallerMsg {}

    record Answer(Object reply) implements CallerMsg {}

    /** Makes {@code calls} asks of its server, one after another, on request; then completes it. */
    static final class Caller extends AbstractBehavior<CallerMsg> {
        private final ActorRef<Request> server;
        private CompletableFuture<Object> request;
        private int left;

        Caller(ActorContext<CallerMsg> context, ActorRef<Request> server) {
            super(context);
            this.server = server;
        }

        @Override
        public Receive<CallerMsg> createReceive() {
            return newReceiveBuilder()
                    .onMessage(Start.class, this::start)
                    .onMessage(Answer.class, this::answer)
                    .build();
        }

        private Behavior<CallerMsg> start(Start s) {
            request = s.done();
            left = s.calls();
            ask();
            return this;
        }

        private Behavior<CallerMsg> answer(Answer a) {
            if (--left == 0) {
                request.complete(a.reply());
            } else {
                ask();
            }
            return this;
        }

        private void ask() {
            getContext().ask(Long.class, server, TIMEOUT, replyTo -> new Request(REQUEST, replyTo),
                    (reply, failure) -> new Answer(failure == null ? reply : failure));
        }
    }

    /** The guardian: the server and a caller, both its children. */
    record Actors(ActorRef<Request> server, ActorRef<CallerMsg> caller) {}

    @State(Scope.Benchmark)
    public static class PekkoActors {
        ActorSystem<Void> system;
        Actors actors;

        @Setup
        public void start() throws Exception {
            CompletableFuture<Actors> spawned = new CompletableFuture<>();
            system = Pekko.start(Behaviors.<Void>setup(ctx -> {
                ActorRef<Request> server = ctx.spawn(counter(), "server");
                spawned.complete(new Actors(server, ctx.spawn(Behaviors.setup(c -> new Caller(c, server)), "caller")));
                return Behaviors.empty();
            }), "gen-server-call");
            actors = spawned.get(30, TimeUnit.SECONDS);
        }

        @TearDown
        public void stop() throws Exception {
            Pekko.stop(system);
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public Object pekko(PekkoActors a) throws Exception {
        CompletableFuture<Object> done = new CompletableFuture<>();
        a.actors.caller().tell(new Start(CALLS, done));
        return done.get();
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    public Object pekkoAskAndWait(PekkoActors a) throws Exception {
        ActorRef<Request> server = a.actors.server();
        return VirtualThreads.run(() -> {
            Object reply = null;
            for (int i = 0; i < CALLS; i++) {
                reply = AskPattern.<Request, Long>ask(server, replyTo -> new Request(REQUEST, replyTo), TIMEOUT,
                        a.system.scheduler()).toCompletableFuture().get();
            }
            return reply;
        });
    }
}
