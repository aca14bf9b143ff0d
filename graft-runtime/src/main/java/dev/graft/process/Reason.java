package dev.graft.process;

import dev.graft.term.Atom;

/**
 * The exit reasons the runtime itself gives meaning to. Any other object is an exit reason
 * too; these are the ones whose rules differ.
 *
 * <ul>
 *   <li>{@link #NORMAL}: a process that returns from its function exits with it. An exit
 *       signal with reason {@code normal} is ignored by a process that does not trap exits
 *       (unless it sent the signal to itself).</li>
 *   <li>{@link #KILL}: an exit signal with this reason sent by {@link Proc#exit(Pid, Object)}
 *       cannot be trapped; the process dies with reason {@link #KILLED}, which its links and
 *       monitors see. A process that exits by itself with reason {@code kill} passes
 *       {@code kill} on to its links as an ordinary, trappable reason, as in Erlang.</li>
 *   <li>{@link #NOPROC}: what a monitor or link on a process that no longer exists reports.</li>
 *   <li>{@link #SHUTDOWN}: the reason a node gives the processes it stops.</li>
 * </ul>
 */
public final class Reason {
    public static final Atom NORMAL = Atom.of("normal");
    public static final Atom KILL = Atom.of("kill");
    public static final Atom KILLED = Atom.of("killed");
    public static final Atom NOPROC = Atom.of("noproc");
    public static final Atom SHUTDOWN = Atom.of("shutdown");

    private Reason() {}
}
