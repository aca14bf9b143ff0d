package dev.graft.application;

import dev.graft.application.AppSpec.StartPhase;
import dev.graft.application.ApplicationError.BadReturn;
import dev.graft.application.ApplicationError.CallbackCall;
import dev.graft.application.ApplicationError.CallbackError;
import dev.graft.behaviour.CallbackModule;
import dev.graft.process.Down;
import dev.graft.process.Exit;
import dev.graft.process.LoopReceive;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.ProcessFunction;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * An application master: the process that starts one application, leads the group of its
 * processes and ends them: Erlang's {@code application_master}. The controller spawns it,
 * linked, for each application with a {@code mod}.
 *
 * <pre>
 *   start    trap exits, lead its own group, call Mod.start and the start phases, link the top
 *            failed:    kill the group, exit with the ApplicationError (the controller replies it)
 *            succeeded: tell the controller (Started)
 *   run      Stop from the controller   prepStop, shut the top down, stop, kill the group, exit normal
 *            the maxT timer             the same, as OTP's timeout
 *            Exit from the controller   the same, but the master exits with the controller's reason
 *            Exit from the top          prepStop, stop, kill the group, exit with the top's reason:
 *                                       the application ended by itself
 * </pre>
 *
 * <p><b>Shutting the top down</b> is {@code exit(top, shutdown)}, then a wait for its death; one
 * that has not died within the controller's shutdown timeout is killed. (OTP waits for ever: a
 * supervisor bounds its children's shutdowns itself.) <b>Killing the group</b> kills every
 * process whose group leader is the master — what the application spawned and did not move
 * elsewhere — and waits for each, as OTP's {@code kill_all_procs}: a scan of the node's
 * processes, repeated until it finds none.
 *
 * <p>Confined to its process. OTP's master runs the callback's start in a helper process so
 * that it can serve I/O requests meanwhile; Graft's {@link dev.graft.process.Io} is no message
 * protocol, so the master calls its callbacks itself.
 */
final class ApplicationMaster implements ProcessFunction {
    private static final System.Logger LOG = System.getLogger("dev.graft.application");

    /** What the controller sends a master to stop its application: {@code application_master:stop/1}. */
    static final Stop STOP = new Stop();

    record Stop() {}

    /** What a master sends the controller when its application has started. */
    record Started(Pid master) {}

    /** The message of the {@code maxT} timer. */
    private record MaxTime() {}

    private final String app;
    private final AppSpec.Mod mod;
    private final List<StartPhase> phases;
    private final OptionalLong maxTime;
    private final Pid controller;
    private final Duration shutdownTimeout;

    @SuppressWarnings("rawtypes")
    private CallbackModule<Application> module;
    private Object state;
    private Pid top;

    ApplicationMaster(AppSpec spec, Pid controller, Duration shutdownTimeout) {
        this.app = spec.name();
        this.mod = spec.mod().orElseThrow();
        this.phases = spec.startPhases().orElse(List.of());
        this.maxTime = spec.maxTime();
        this.controller = controller;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public void run() {
        Pid self = Proc.self();
        Proc.trapExit(true);
        Proc.groupLeader(self, self);
        ApplicationError failure = start();
        if (failure != null) {
            if (top != null) {
                shutDownTop(Reason.SHUTDOWN);
            }
            killGroup();
            throw Proc.exit(failure);
        }
        maxTime.ifPresent(ms -> Proc.sendAfter(ms, self, new MaxTime()));
        Proc.send(controller, new Started(self));
        Object reason = awaitEnd();
        if (reason != Reason.NORMAL) {
            throw Proc.exit(reason);
        }
    }

    /** Calls start, then each start phase; null if all went well, else why not. */
    private ApplicationError start() {
        CallbackCall call = new CallbackCall(mod.module(), "start", List.of(StartType.NORMAL, mod.startArgs()));
        Application.Start<Object> started;
        try {
            module = CallbackModules.resolve(Proc.node(), mod.module());
            started = CallbackModules.current(module).start(StartType.NORMAL, mod.startArgs());
        } catch (RuntimeException | Error e) {
            return new BadReturn(call, e);
        }
        switch (started) {
            case Application.Start.Ok<Object>(Pid pid, Object s) when pid != null -> {
                top = pid;
                state = s;
                Proc.link(pid); // a top that has died already is an Exit(noproc): the application ends at once
            }
            case Application.Start.Error<Object>(Object reason) -> {
                return new CallbackError(reason, call);
            }
            case null, default -> {
                return new BadReturn(call, started);
            }
        }
        for (StartPhase phase : phases) {
            try {
                CallbackModules.current(module).startPhase(phase.phase(), StartType.NORMAL, phase.args());
            } catch (RuntimeException | Error e) {
                return new BadReturn(new CallbackCall(mod.module(), "start_phase",
                        List.of(phase.phase(), StartType.NORMAL, phase.args())), e);
            }
        }
        return null;
    }

    /**
     * Runs until the application ends; returns the reason the master exits with. It waits in a
     * {@link LoopReceive}: no module code is below it, so a purge answers for the master at once.
     */
    private Object awaitEnd() {
        for (;;) {
            switch (LoopReceive.receive(null, Proc.INFINITY)) {
                case Stop _, MaxTime _ -> {
                    return end(Reason.SHUTDOWN, Reason.NORMAL);
                }
                case Exit(Pid from, Object reason) when controller.equals(from) -> {
                    return end(Reason.SHUTDOWN, reason);
                }
                case Exit(Pid from, Object reason) when top.equals(from) -> {
                    top = null;
                    return end(null, reason);
                }
                default -> {
                    // not for the master: a message to a group leader that is no I/O server
                }
            }
        }
    }

    /**
     * Ends the application: prepStop, the top shut down with {@code topReason} (null if it is
     * dead already), stop, and the rest of the group killed.
     */
    private Object end(Object topReason, Object exitReason) {
        Object prepared = state;
        try {
            prepared = CallbackModules.current(module).prepStop(state);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, () -> "application " + app + ": " + mod.module()
                    + ".prepStop failed; stop gets the state as it was: " + e, e);
        }
        if (topReason != null) {
            shutDownTop(topReason);
        }
        try {
            CallbackModules.current(module).stop(prepared);
        } catch (RuntimeException | Error e) {
            Object p = prepared;
            LOG.log(System.Logger.Level.ERROR, () -> "application " + app + ": " + mod.module()
                    + ".stop(" + p + ") failed: " + e, e);
        }
        killGroup();
        return exitReason;
    }

    /** Tells the top to exit and waits for its death, killing it if it outlives the shutdown timeout. */
    private void shutDownTop(Object reason) {
        Ref ref = Proc.monitor(top);
        Proc.exit(top, reason);
        if (Proc.receive(m -> m instanceof Down d && d.ref() == ref, shutdownTimeout.toMillis()) == null) {
            LOG.log(System.Logger.Level.WARNING, () -> "application " + app + ": top process " + top
                    + " did not exit within " + shutdownTimeout + " of " + reason + "; killing it");
            Proc.exit(top, Reason.KILL);
            Proc.receive(m -> m instanceof Down d && d.ref() == ref);
        }
    }

    /** Kills every other process of the master's group and waits for each to die, until none is left. */
    private void killGroup() {
        Pid self = Proc.self();
        Node node = Proc.node();
        for (;;) {
            List<Ref> dying = new ArrayList<>();
            for (Pid p : node.processes()) {
                if (!p.equals(self) && node.groupLeader(p).filter(self::equals).isPresent()) {
                    dying.add(Proc.monitor(p));
                    Proc.exit(p, Reason.KILL);
                }
            }
            if (dying.isEmpty()) {
                return;
            }
            for (Ref ref : dying) {
                Proc.receive(m -> m instanceof Down d && d.ref() == ref);
            }
        }
    }

    @Override
    public String toString() {
        return "application_master:init(" + app + ")";
    }
}
