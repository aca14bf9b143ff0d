package dev.graft.bench.migrate;

import dev.graft.code.CodeServer;
import dev.graft.code.ModuleVersion;
import dev.graft.migrate.Migration;
import dev.graft.process.Node;
import dev.graft.shell.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
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
 * Structural migration of one value from version 1 of {@code bench.Shop} to version 2 (DESIGN
 * decision 5), what an upgrade pays per process state and per old-shape message:
 * <ul>
 *   <li>{@code sameShapeRecord}: a two-int record whose shape did not change;</li>
 *   <li>{@code changedRecord}: a four-component record with a renamed, a dropped and a widened
 *       component and three new ones with defaults;</li>
 *   <li>{@code nestedState}: a record holding five records (each with an enum) in a
 *       {@code List.of}, two of them in a {@code Map.of} and one in an {@code Optional};</li>
 *   <li>{@code sharedString}, {@code sharedList}: values with nothing to migrate, a message's
 *       usual case: returned as they are.</li>
 * </ul>
 *
 * Run by {@code benchmarks/run}, or alone:
 * {@code java -cp <classpath> org.openjdk.jmh.Main 'dev.graft.bench.migrate.MigrationBenchmark'}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xss1m"})
public class MigrationBenchmark {
    private static final String SHOP = "bench.Shop";

    private Node node;
    private ModuleVersion v2;
    private Object point;
    private Object account;
    private Object basket;
    private final Object string = "a message";
    private final Object list = List.of("put", 42);

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        node = Node.start("migration-bench");
        CodeServer code = CodeServer.of(node);
        Path dir = Files.createTempDirectory("graft-bench-migrate");
        Shell shell = new Shell(code, dir.resolve("classes"));
        shell.c(source(dir, 1)).orThrow();
        point = code.apply(SHOP, "point");
        account = code.apply(SHOP, "account");
        basket = code.apply(SHOP, "basket");
        v2 = shell.c(source(dir, 2)).orThrow().getFirst();
    }

    /** Writes version {@code v} of Shop's source under {@code dir}. */
    private static Path source(Path dir, int v) throws IOException {
        Path src = dir.resolve("src/bench/Shop.java");
        Files.createDirectories(src.getParent());
        try (InputStream in = MigrationBenchmark.class.getResourceAsStream("/bench-modules/v" + v + "/bench/Shop.java")) {
            Files.copy(in, src, StandardCopyOption.REPLACE_EXISTING);
        }
        return src;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        node.close();
    }

    @Benchmark
    public Object sameShapeRecord() {
        return Migration.migrate(point, v2);
    }

    @Benchmark
    public Object changedRecord() {
        return Migration.migrate(account, v2);
    }

    @Benchmark
    public Object nestedState() {
        return Migration.migrate(basket, v2);
    }

    @Benchmark
    public Object sharedString() {
        return Migration.migrate(string, v2);
    }

    @Benchmark
    public Object sharedList() {
        return Migration.migrate(list, v2);
    }
}
