package dev.graft.bench.upgrade;

import dev.graft.bench.code.BenchModules;
import dev.graft.process.Pid;
import dev.graft.sys.Sys;
import java.util.List;

/**
 * The release handler's way (OTP's {@code release_handler_1}), with Graft's sys protocol and one
 * call at a time, as release_handler_1 makes them: {@link Sys#suspend} every server, load v2
 * ({@code loadBinary}), {@link Sys#changeCode} every server, {@link Sys#resume} every server.
 * A server is unavailable from just before its suspend call until its resume call returned.
 */
final class SysUpgrade implements CodeServerWay.Upgrade {
    @Override
    public UpgradeWay.Upgraded upgrade(LoadedCounters counters) {
        List<Pid> servers = counters.servers();
        long[] holds = new long[servers.size()];
        for (int i = 0; i < holds.length; i++) {
            holds[i] = System.nanoTime();
            Sys.suspend(servers.get(i));
        }
        counters.code().loadBinary(counters.v2()).orThrow();
        for (Pid server : servers) {
            Sys.changeCode(server, BenchModules.COUNTER, UpgradeWay.OLD_VSN, null);
        }
        for (int i = 0; i < holds.length; i++) {
            Sys.resume(servers.get(i));
            holds[i] = System.nanoTime() - holds[i];
        }
        return new UpgradeWay.Upgraded(System.nanoTime(), holds);
    }
}
