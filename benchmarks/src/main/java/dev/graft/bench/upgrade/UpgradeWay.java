package dev.graft.bench.upgrade;

import dev.graft.code.CodeServer;
import dev.graft.code.ModuleBinary;
import dev.graft.process.Pid;
import java.util.List;

/**
 * A way to upgrade running servers of {@code bench.Counter} from version 1 to version 2, their
 * state changed by v2's {@code codeChange}. Called in a process; returns, per server, how long
 * it could not answer a call (an upper bound, in nanoseconds), as the way can tell.
 */
interface UpgradeWay {
    /** The {@code oldVsn} every codeChange gets. */
    String OLD_VSN = "1";

    /** The way's name, as RESULT lines give it. */
    String name();

    long[] upgrade(CodeServer code, List<Pid> servers, ModuleBinary v2) throws Exception;

    static UpgradeWay named(String name) {
        return switch (name) {
            case "batch" -> new BatchUpgrade();
            case "sys" -> new SysUpgrade();
            default -> throw new IllegalArgumentException("unknown way: " + name + " (batch or sys)");
        };
    }
}
