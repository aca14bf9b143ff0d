package dev.graft.process;

/**
 * A unique reference, as Erlang's {@code make_ref()}: monitors and timers are named by one.
 * Unique within its node; compared by identity.
 */
public final class Ref {
    private final int node;
    private final long id;

    Ref(int node, long id) {
        this.node = node;
        this.id = id;
    }

    @Override
    public String toString() {
        return "#Ref<" + node + "." + id + ">";
    }
}
