package dev.graft.bench.upgrade;

import dev.graft.process.Node;
import dev.graft.process.Pid;
import java.io.IOException;
import java.util.List;

/**
 * A way to upgrade running servers of {@code bench.Counter} from version 1 to version 2, their
 * state changed by v2's {@code codeChange}. One instance per run: {@link #start}, then
 * {@link #upgrade}, then {@link #close}.
 */
interface UpgradeWay extends AutoCloseable {
    /** The {@code oldVsn} every codeChange gets. */
    String OLD_VSN = "1";

    /** The way's name, as RESULT lines give it. */
    String name();

    /** The RESULT lines' workload, which puts the way in its table. */
    String workload();

    /**
     * Starts {@code n} servers of version 1 on {@code node}, and whatever the upgrade needs;
     * called from outside the node's processes. Returns the servers.
     */
    List<Pid> start(Node node, int n) throws Exception;

    /** Upgrades the servers {@link #start} returned, in a process. */
    Upgraded upgrade() throws Exception;

    /**
     * @param end   when the upgrade ended ({@link System#nanoTime()})
     * @param holds per server, how long it could not answer a call (an upper bound, in
     *              nanoseconds), as the way can tell
     */
    record Upgraded(long end, long[] holds) {}

    /** Removes what {@link #start} made outside the node; by default nothing. */
    @Override
    default void close() throws IOException {}

    static UpgradeWay named(String name) {
        return switch (name) {
            case "batch" -> new CodeServerWay(name, new BatchUpgrade());
            case "sys" -> new CodeServerWay(name, new SysUpgrade());
            case "release_handler" -> new ReleaseUpgrade();
            default -> throw new IllegalArgumentException("unknown way: " + name + " (batch, sys or release_handler)");
        };
    }
}
