package dev.graft.gen;

import dev.graft.process.Pid;
import dev.graft.process.Ref;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Who made a call and how to answer it: Erlang's {@code From = {Pid, Tag}}. A server answers
 * with {@link Gen#reply}, from the callback or later from any process.
 *
 * <p>A call is answered at most once, and never after its caller gave up: the replier and a
 * caller whose timeout passed race for the call by one CAS, so a late reply is dropped instead
 * of landing in the caller's mailbox — what OTP gets from a monitor alias.
 */
public final class From {
    private static final VarHandle OPEN;

    static {
        try {
            OPEN = MethodHandles.lookup().findVarHandle(From.class, "open", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Pid pid;
    private final Ref tag;
    @SuppressWarnings("unused") // through OPEN
    private volatile boolean open = true;

    From(Pid pid, Ref tag) {
        this.pid = pid;
        this.tag = tag;
    }

    /** The calling process. */
    public Pid pid() {
        return pid;
    }

    /** The call's tag: the caller's monitor on the server. */
    public Ref tag() {
        return tag;
    }

    /** Takes the right to answer (or, for the caller, to give up); true for the first taker only. */
    boolean close() {
        return OPEN.compareAndSet(this, true, false);
    }

    @Override
    public String toString() {
        return "{" + pid + "," + tag + "}";
    }
}
