package dev.graft.behaviour;

import dev.graft.behaviour.ChildSpec.Restart;
import dev.graft.behaviour.SupervisorError.NotFound;
import dev.graft.behaviour.SupervisorError.SimpleOneForOne;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The children of a simple_one_for_one supervisor: one spec, and any number of children made
 * from it by startChild with extra arguments, named by their pids. They stop all at once, in
 * no order.
 *
 * <p>Both maps are concurrent, so a reader on any thread may walk them; only the supervisor's
 * process writes them, and {@link #spec}. Children may be many: a change costs O(1).
 */
final class DynamicChildren implements Children {
    private volatile ChildSpec spec;
    /** The running children, each with the extra arguments to restart it with (none kept for a temporary child). */
    private final Map<Pid, List<Object>> running = new ConcurrentHashMap<>();
    /** Children whose restart failed and is to be tried again, by their last pid: OTP's {@code {restarting, Pid}}. */
    private final Map<Pid, List<Object>> restarting = new ConcurrentHashMap<>();

    DynamicChildren(ChildSpec spec) {
        this.spec = spec;
    }

    // ---- requests ----

    /** OTP would take the spec for a list of extra arguments, and crash; Graft answers {@code simple_one_for_one}. */
    @Override
    public StartResult startChild(ChildSpec childSpec) {
        return new StartResult.Error(new SimpleOneForOne());
    }

    @Override
    public StartResult startChild(List<Object> extraArgs) {
        StartResult result = ChildProcess.start(spec, extraArgs);
        if (result instanceof StartResult.Ok ok) {
            running.put(ok.pid(), spec.restart() == Restart.TEMPORARY ? List.of() : extraArgs);
        }
        return result;
    }

    /** By pid only; a pid of a process that is not alive counts as terminated, as in OTP. */
    @Override
    public Optional<SupervisorError> terminateChild(Object idOrPid) {
        if (!(idOrPid instanceof Pid pid)) {
            return Optional.of(new SimpleOneForOne());
        }
        if (running.containsKey(pid)) {
            stop(List.of(pid));
            running.remove(pid);
        } else if (restarting.remove(pid) == null && Proc.isAlive(pid)) {
            return Optional.of(new NotFound());
        }
        return Optional.empty();
    }

    @Override
    public StartResult restartChild(Object id) {
        return new StartResult.Error(new SimpleOneForOne());
    }

    @Override
    public Optional<SupervisorError> deleteChild(Object id) {
        return Optional.of(new SimpleOneForOne());
    }

    /** The one spec, named by the pid of one of its children (or of a dead process, as OTP has it) or by its id. */
    @Override
    public Optional<ChildSpec> childSpec(Object idOrPid) {
        boolean ofIt = idOrPid instanceof Pid pid
                ? running.containsKey(pid) || restarting.containsKey(pid) || !Proc.isAlive(pid)
                : spec.id().equals(idOrPid);
        return ofIt ? Optional.of(spec) : Optional.empty();
    }

    @Override
    public List<Supervisor.Child> which() {
        ChildSpec s = spec;
        List<Supervisor.Child> out = new ArrayList<>();
        running.keySet().forEach(pid -> out.add(new Supervisor.Child(null, pid, false, s.type(), s.modules())));
        restarting.keySet().forEach(pid -> out.add(new Supervisor.Child(null, null, true, s.type(), s.modules())));
        return out;
    }

    @Override
    public Supervisor.Counts count() {
        int active = running.size();
        int all = active + restarting.size();
        boolean supervisors = spec.type() == ChildSpec.Type.SUPERVISOR;
        return new Supervisor.Counts(1, active, supervisors ? all : 0, supervisors ? 0 : all);
    }

    // ---- exits and restarts ----

    @Override
    public boolean exited(Pid pid, Object reason, SupervisorState supervisor) {
        if (!running.containsKey(pid)) {
            return true;
        }
        Restart restart = spec.restart();
        if (restart.reports(reason)) {
            ChildProcess.report("child_terminated", reason, spec, pid);
        }
        if (!restart.restartsAfter(reason)) {
            running.remove(pid);
            return true;
        }
        return restart(pid, supervisor);
    }

    @Override
    public boolean tryAgain(Object key, SupervisorState supervisor) {
        return !(key instanceof Pid pid && restarting.containsKey(pid)) || restart(pid, supervisor);
    }

    /** Starts the child of {@code key} again with its arguments; one that fails is tried again through a cast. */
    private boolean restart(Pid key, SupervisorState supervisor) {
        List<Object> args = running.containsKey(key) ? running.remove(key) : restarting.remove(key);
        if (!supervisor.restartAllowed(spec, key)) {
            return false;
        }
        switch (ChildProcess.start(spec, args)) {
            case StartResult.Ok ok -> running.put(ok.pid(), args);
            case StartResult.Ignore i -> {}
            case StartResult.Error e -> {
                restarting.put(key, args);
                ChildProcess.report("start_error", e.reason(), spec, null);
                GenServer.cast(Proc.self(), new SupervisorServer.TryAgain(key));
            }
        }
        return true;
    }

    @Override
    public void terminateAll() {
        stop(List.copyOf(running.keySet()));
        running.clear();
        restarting.clear();
    }

    private void stop(List<Pid> pids) {
        ChildSpec s = spec;
        ChildProcess.shutdown(pids, s).forEach((pid, reason) -> ChildProcess.report("shutdown_error", reason, s, pid));
    }

    /** The new spec; the running children are left as they are. */
    @Override
    public void update(List<ChildSpec> specs) {
        spec = specs.getFirst();
    }

    @Override
    public String toString() {
        return "{" + spec + ",running=" + running.keySet() + ",restarting=" + restarting.keySet() + "}";
    }
}
