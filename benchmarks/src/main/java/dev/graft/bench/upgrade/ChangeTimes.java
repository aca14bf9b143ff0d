package dev.graft.bench.upgrade;

import dev.graft.process.Pid;
import dev.graft.sys.Sys;
import java.util.List;

/**
 * When each server ran its code change, which {@code bench.Counter} v2 notes in its state
 * ({@code State.changedAt}, {@link System#nanoTime()}): the start of the time it held, taking no
 * call, until its upgrade committed.
 */
final class ChangeTimes {
    private ChangeTimes() {}

    /** Per server, from its code change until {@code end}; asks each for its state, from a process. */
    static long[] holdsUntil(List<Pid> servers, long end) throws ReflectiveOperationException {
        long[] holds = new long[servers.size()];
        for (int i = 0; i < holds.length; i++) {
            Object state = Sys.getState(servers.get(i));
            holds[i] = end - (long) state.getClass().getMethod("changedAt").invoke(state);
        }
        return holds;
    }
}
