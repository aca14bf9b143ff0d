package dev.graft.process;

/**
 * A process identifier: what {@link Proc#spawn} returns and {@link Proc#send} takes.
 *
 * <p>A pid stays valid after its process dies: sending to it drops the message, linking or
 * monitoring it reports {@link Reason#NOPROC}. Pids are compared by identity; each process has
 * exactly one. Printed as Erlang prints a local pid, {@code <0.42.0>}, where the first number
 * is the node's index within this JVM.
 */
public final class Pid implements Comparable<Pid> {
    final ProcessCell cell;
    private final long id;

    Pid(ProcessCell cell, long id) {
        this.cell = cell;
        this.id = id;
    }

    /** The process number, unique within its node. */
    public long id() {
        return id;
    }

    /** The node the process runs on. */
    public Node node() {
        return cell.node;
    }

    @Override
    public int compareTo(Pid other) {
        int c = Integer.compare(cell.node.index(), other.cell.node.index());
        return c != 0 ? c : Long.compare(id, other.id);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id * 0x9E3779B97F4A7C15L);
    }

    @Override
    public String toString() {
        return "<" + cell.node.index() + "." + id + ".0>";
    }
}
