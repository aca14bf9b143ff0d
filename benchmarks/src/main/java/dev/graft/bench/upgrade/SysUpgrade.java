package dev.graft.bench.upgrade;

import dev.graft.bench.code.BenchModules;
import dev.graft.code.CodeServer;
import dev.graft.code.ModuleBinary;
import dev.graft.process.Pid;
import dev.graft.sys.Sys;
import java.util.List;

/**
 * The release handler's way (OTP's {@code release_handler_1}), with Graft's sys protocol and one
 * call at a time, as release_handler_1 makes them: {@link Sys#suspend} every server, load v2
 * ({@code loadBinary}), {@link Sys#changeCode} every server, {@link Sys#resume} every server.
 * A server is unavailable from just before its suspend call until its resume call returned.
 */
final class SysUpgrade implements UpgradeWay {
    @Override
    public String name() {
        return "sys";
    }

    @Override
    public long[] upgrade(CodeServer code, List<Pid> servers, ModuleBinary v2) {
        long[] holds = new long[servers.size()];
        for (int i = 0; i < holds.length; i++) {
            holds[i] = System.nanoTime();
            Sys.suspend(servers.get(i));
        }
        code.loadBinary(v2).orThrow();
        for (Pid server : servers) {
            Sys.changeCode(server, BenchModules.COUNTER, OLD_VSN, null);
        }
        for (int i = 0; i < holds.length; i++) {
            Sys.resume(servers.get(i));
            holds[i] = System.nanoTime() - holds[i];
        }
        return holds;
    }
}
