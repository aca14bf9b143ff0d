package dev.graft.bench.upgrade;

import dev.graft.bench.code.BenchModules;
import dev.graft.behaviour.GenServer;
import dev.graft.code.CodeServer;
import dev.graft.code.ModuleBinary;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import java.util.List;

/**
 * The servers of the code server's ways ({@link BatchUpgrade}, {@link SysUpgrade}): N
 * GenServers of {@code bench.Counter} v1, loaded through the code server and started outside any
 * supervision tree, and v2's classes, compiled and not loaded.
 */
record LoadedCounters(CodeServer code, List<Pid> servers, ModuleBinary v2) {
    static LoadedCounters start(Node node, int n) throws Exception {
        Class<? extends GenServer<?>> counter = BenchModules.loadCounter(node);
        ModuleBinary v2 = BenchModules.compile(node, 2, "Counter.java");
        List<Pid> servers = node.runProcess(() -> {
            Pid[] pids = new Pid[n];
            for (int i = 0; i < n; i++) {
                pids[i] = GenServer.start(counter, null).pid();
            }
            return List.of(pids);
        });
        return new LoadedCounters(CodeServer.of(node), servers, v2);
    }
}
