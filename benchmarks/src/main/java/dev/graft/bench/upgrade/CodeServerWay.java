package dev.graft.bench.upgrade;

import dev.graft.process.Node;
import dev.graft.process.Pid;
import java.util.List;

/**
 * The ways that upgrade servers loaded through the code server ({@link LoadedCounters}), the
 * workload {@code upgrade}: {@link BatchUpgrade} and {@link SysUpgrade}.
 */
final class CodeServerWay implements UpgradeWay {
    /** How the way upgrades the servers, in a process. */
    interface Upgrade {
        Upgraded upgrade(LoadedCounters counters) throws Exception;
    }

    private final String name;
    private final Upgrade upgrade;
    private LoadedCounters counters;

    CodeServerWay(String name, Upgrade upgrade) {
        this.name = name;
        this.upgrade = upgrade;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String workload() {
        return "upgrade";
    }

    @Override
    public List<Pid> start(Node node, int n) throws Exception {
        counters = LoadedCounters.start(node, n);
        return counters.servers();
    }

    @Override
    public Upgraded upgrade() throws Exception {
        return upgrade.upgrade(counters);
    }
}
