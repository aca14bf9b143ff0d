package dev.graft.behaviour;

import dev.graft.behaviour.ChildSpec.Shutdown;
import dev.graft.process.Down;
import dev.graft.process.Exit;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.ProcessExit;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A supervisor's dealings with its child processes: starting one, stopping some, reporting.
 * Called in the supervisor's process only.
 */
final class ChildProcess {
    private static final System.Logger LOG = System.getLogger("dev.graft.behaviour");

    private ChildProcess() {}

    /**
     * Runs the spec's start: Erlang's {@code do_start_child_i}. A start that throws, or returns
     * no pid, is an {@link StartResult.Error}; this never throws for a failing start.
     */
    static StartResult start(ChildSpec spec, List<Object> extraArgs) {
        StartResult result;
        try {
            result = spec.start().start(extraArgs);
        } catch (ProcessExit e) {
            return new StartResult.Error(e.reason());
        } catch (RuntimeException | Error e) {
            return new StartResult.Error(e);
        }
        if (result == null || result instanceof StartResult.Ok(Pid pid) && pid == null) {
            return new StartResult.Error(new IllegalStateException("the start of child " + spec.id() + " returned " + result
                    + "; a start returns StartResult.Ok with the child's pid, Ignore, or Error"));
        }
        return result;
    }

    /**
     * Stops children of one spec, all at once, the spec's way: Erlang's {@code shutdown/1} for
     * one child and {@code terminate_dynamic_children} for many. With a timeout, each gets the
     * exit signal {@code shutdown}, and those still alive when it passes are killed.
     *
     * <p>Ends are watched with monitors, not links, so a child that unlinked itself cannot hang
     * the supervisor. Each link's {@link Exit} is taken out of the mailbox; its reason is the
     * end's reason (a child that died before the signal reached it has only that).
     *
     * @return the children that ended with a reason other than the expected one, to report
     */
    static Map<Pid, Object> shutdown(Collection<Pid> pids, ChildSpec spec) {
        boolean brutal = spec.shutdown() instanceof Shutdown.BrutalKill;
        Map<Ref, Pid> waiting = new HashMap<>();
        for (Pid pid : pids) {
            waiting.put(Proc.monitor(pid), pid);
            Proc.exit(pid, brutal ? Reason.KILL : Reason.SHUTDOWN);
        }
        long timeoutNanos = spec.shutdown() instanceof Shutdown.Timeout t ? TimeUnit.MILLISECONDS.toNanos(t.millis()) : -1L;
        long since = System.nanoTime();
        Map<Pid, Object> unexpected = new LinkedHashMap<>();
        while (!waiting.isEmpty()) {
            long wait = timeoutNanos < 0 ? Proc.INFINITY
                    : Math.ceilDiv(Math.max(0L, timeoutNanos - (System.nanoTime() - since)), 1_000_000L);
            Object m = Proc.receive(x -> x instanceof Down d && waiting.containsKey(d.ref()), wait);
            if (m == null) { // the timeout passed
                waiting.values().forEach(pid -> Proc.exit(pid, Reason.KILL));
                timeoutNanos = -1L;
                continue;
            }
            Down down = (Down) m;
            Pid pid = waiting.remove(down.ref());
            Object reason = unlinkFlush(pid, down.reason());
            if (!expected(reason, spec)) {
                unexpected.put(pid, reason);
            }
        }
        return unexpected;
    }

    /**
     * Removes the link to a dead child and its Exit, if it came: a child's Exit is delivered
     * before its Down (the runtime sends an exit's link signals before its monitor signals),
     * so a look at what is already in the mailbox finds it.
     */
    private static Object unlinkFlush(Pid pid, Object downReason) {
        Proc.unlink(pid);
        Object exit = Proc.receive(m -> m instanceof Exit e && e.from().equals(pid), 0);
        return exit == null ? downReason : ((Exit) exit).reason();
    }

    /** OTP's: killed for brutal_kill, shutdown otherwise, and the normal ends for a child that is not permanent. */
    private static boolean expected(Object reason, ChildSpec spec) {
        boolean brutal = spec.shutdown() instanceof Shutdown.BrutalKill;
        if ((brutal ? Reason.KILLED : Reason.SHUTDOWN).equals(reason)) {
            return true;
        }
        return spec.restart() != ChildSpec.Restart.PERMANENT && ChildSpec.Restart.normalExit(reason);
    }

    /** A supervisor report: Erlang's {@code SUPERVISOR REPORT}, logged as an error. */
    static void report(String context, Object reason, ChildSpec spec, Pid pid) {
        LOG.log(System.Logger.Level.ERROR, () -> "supervisor " + Proc.self() + ": " + context + ", reason " + reason
                + ", offender {id " + spec.id() + ", pid " + pid + ", restart " + spec.restart() + ", shutdown "
                + spec.shutdown() + ", type " + spec.type() + "}");
    }
}
