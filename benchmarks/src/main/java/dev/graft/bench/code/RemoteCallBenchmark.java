package dev.graft.bench.code;

import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A remote call against a direct static call (DESIGN decision 3: the JIT inlines through the
 * link, so the two should cost the same after warm-up).
 *
 * <ul>
 *   <li>{@code direct}: a plain Java static call, the floor.</li>
 *   <li>{@code remoteFromOutside}: code outside any module calling {@code bench.Callee.inc}
 *       through {@link CodeServer#function}.</li>
 *   <li>{@code moduleRemote}: module {@code bench.Caller} calling {@code bench.Callee.inc}, the
 *       call rewritten to an invokedynamic site; against {@code moduleLocal}, the same module
 *       making a local call. Both enter {@code Caller} the same way.</li>
 *   <li>{@code lambdaPlain}: a lambda {@code x -> x + 1} made by code outside any module, not
 *       guarded; against {@code moduleLambda}, the same lambda made by module {@code Caller},
 *       whose body starts with the guard that raises badfun once its version is purged, and
 *       {@code moduleReference}, the method reference {@code Caller::inc}, which goes through a
 *       guarded bridge. All three are called through a constant {@code IntUnaryOperator}.</li>
 * </ul>
 *
 * Run by {@code benchmarks/run}, or alone:
 * {@code java -cp <classpath> org.openjdk.jmh.Main 'dev.graft.bench.code.RemoteCallBenchmark'}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss1m"})
public class RemoteCallBenchmark {
    private static final MethodHandle CALLEE_INC;
    private static final MethodHandle CALLER_REMOTE;
    private static final MethodHandle CALLER_LOCAL;
    private static final IntUnaryOperator PLAIN_LAMBDA = x -> x + 1;
    private static final IntUnaryOperator MODULE_LAMBDA;
    private static final IntUnaryOperator MODULE_REFERENCE;

    static {
        Node node = Node.start("remote-call-bench");
        CodeServer code = CodeServer.of(node);
        code.atomicLoadBinaries(BenchModules.compile(node, 1, "Callee.java", "Caller.java")).orThrow();
        MethodType intInt = MethodType.methodType(int.class, int.class);
        CALLEE_INC = code.function(BenchModules.CALLEE, "inc", intInt);
        CALLER_REMOTE = code.function(BenchModules.CALLER, "remoteInc", intInt);
        CALLER_LOCAL = code.function(BenchModules.CALLER, "localInc", intInt);
        try {
            MODULE_LAMBDA = (IntUnaryOperator) code.apply(BenchModules.CALLER, "incLambda");
            MODULE_REFERENCE = (IntUnaryOperator) code.apply(BenchModules.CALLER, "incReference");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private int x;

    static int directInc(int x) {
        return x + 1;
    }

    @Benchmark
    public int direct() {
        return x = directInc(x);
    }

    @Benchmark
    public int remoteFromOutside() throws Throwable {
        return x = (int) CALLEE_INC.invokeExact(x);
    }

    @Benchmark
    public int moduleRemote() throws Throwable {
        return x = (int) CALLER_REMOTE.invokeExact(x);
    }

    @Benchmark
    public int moduleLocal() throws Throwable {
        return x = (int) CALLER_LOCAL.invokeExact(x);
    }

    @Benchmark
    public int lambdaPlain() {
        return x = PLAIN_LAMBDA.applyAsInt(x);
    }

    @Benchmark
    public int moduleLambda() {
        return x = MODULE_LAMBDA.applyAsInt(x);
    }

    @Benchmark
    public int moduleReference() {
        return x = MODULE_REFERENCE.applyAsInt(x);
    }
}
