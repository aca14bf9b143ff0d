package dev.graft.bench.code;

import dev.graft.code.CodeServer;
import dev.graft.code.ModuleBinary;
import dev.graft.process.Node;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.Locale;

/**
 * Purged versions are unloaded: 10,000 load/purge cycles of a small module, printing metaspace
 * in use and the number of loaded classes after a full GC every 1,000 cycles. A flat curve
 * means nothing keeps a purged version's class loader alive.
 *
 * <p>Run by {@code benchmarks/run}, or alone:
 * {@code java -cp <classpath> dev.graft.bench.code.Unloading}.
 */
public final class Unloading {
    private Unloading() {}

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        try (Node node = Node.start("unloading")) {
            CodeServer code = CodeServer.of(node);
            ModuleBinary[] v = {BenchModules.compile(node, 1, "Callee.java"), BenchModules.compile(node, 2, "Callee.java")};
            MemoryPoolMXBean metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getName().equals("Metaspace")).findFirst().orElseThrow();
            ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
            for (int i = 0; i <= cycles; i++) {
                if (i % 1000 == 0) {
                    for (int gc = 0; gc < 3; gc++) {
                        System.gc();
                    }
                    System.out.printf(Locale.ROOT, "RESULT workload=unloading_metaspace impl=graft value=%.1f unit=KiB cycles=%d loaded_classes=%d%n",
                            metaspace.getUsage().getUsed() / 1024.0, i, classes.getLoadedClassCount());
                }
                code.loadBinary(v[i % 2]).orThrow();
                code.purge(BenchModules.CALLEE);
            }
        }
    }
}
