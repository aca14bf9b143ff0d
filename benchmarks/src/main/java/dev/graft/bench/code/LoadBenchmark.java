package dev.graft.bench.code;

import dev.graft.code.CodeServer;
import dev.graft.code.ModuleBinary;
import dev.graft.process.Node;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Load time of a small module with {@code loadBinary}, Erlang's {@code code:load_binary/3}:
 * purge of the old version, reading, the boundary check, the rewrite of remote calls, defining
 * the class in a new loader, its static initialiser and the switch. Alternates two versions so
 * that every load replaces the current one. Compare with {@code code_bench:load_binary} on the
 * Erlang VM.
 *
 * Run by {@code benchmarks/run}, or alone:
 * {@code java -cp <classpath> org.openjdk.jmh.Main 'dev.graft.bench.code.LoadBenchmark'}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss1m"})
public class LoadBenchmark {
    private Node node;
    private CodeServer code;
    private ModuleBinary[] versions;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        node = Node.start("load-bench");
        code = CodeServer.of(node);
        versions = new ModuleBinary[] {
            BenchModules.compile(node, 1, "Callee.java"), BenchModules.compile(node, 2, "Callee.java")
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        node.close();
    }

    @Benchmark
    public Object loadBinary() {
        next ^= 1;
        return code.loadBinary(versions[next]);
    }
}
