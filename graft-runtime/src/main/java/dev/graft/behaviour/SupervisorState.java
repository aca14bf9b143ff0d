package dev.graft.behaviour;

import dev.graft.process.Pid;
import dev.graft.term.Atom;
import java.util.List;

/**
 * The state of a supervisor process: Erlang's {@code #state{}} of {@code supervisor}, which
 * {@link dev.graft.sys.Sys#getState} shows.
 *
 * <p>Written only by the supervisor's own process; any thread may read it: {@link #flags} is
 * volatile and the children say how they are safe to read ({@link Children}).
 */
final class SupervisorState {
    private static final Atom REACHED_MAX_RESTART_INTENSITY = Atom.of("reached_max_restart_intensity");

    /** The callback module, followed to its current version at each code change. */
    final CallbackModule<Supervisor> module;
    /** The arguments the supervisor was started with, which each code change gives init again. */
    final Object args;
    final Children children;
    private volatile Supervisor.Flags flags;
    /** Confined to the supervisor's process. */
    private final RestartIntensity restarts = new RestartIntensity();

    SupervisorState(CallbackModule<Supervisor> module, Object args, Supervisor.Flags flags, Children children) {
        this.module = module;
        this.args = args;
        this.flags = flags;
        this.children = children;
    }

    Supervisor.Flags flags() {
        return flags;
    }

    /**
     * Counts a restart of the child {@code spec}, {@code pid}; false, after reporting it, if
     * that is one restart too many.
     */
    boolean restartAllowed(ChildSpec spec, Pid pid) {
        if (restarts.add(flags)) {
            return true;
        }
        ChildProcess.report("shutdown", REACHED_MAX_RESTART_INTENSITY, spec, pid);
        return false;
    }

    /** A code change: the new flags and specs, checked. */
    void change(Supervisor.Flags newFlags, List<ChildSpec> specs) {
        children.update(specs);
        flags = newFlags;
    }

    @Override
    public String toString() {
        Supervisor.Flags f = flags;
        return "{state," + module.name() + "," + f.strategy() + "," + f.intensity() + "," + f.period() + "," + children + "}";
    }
}
