package dev.graft.code;

import java.lang.invoke.MethodHandle;
import java.util.Arrays;

/**
 * A qualified tail call, made by {@link Code#tail}: return it from a module function and the
 * trampoline that called the function ({@link Code#spawn}, {@link Code#remote}) calls the
 * target's current version next, with the caller's frame already gone. Java has no tail calls;
 * this is how a process loop re-enters its module's newest version the way Erlang's
 * {@code ?MODULE:loop(State)} does, leaving no frame of the old version on its stack.
 */
public final class TailCall {
    private final String label;
    private final MethodHandle target;
    private final Object[] args;

    TailCall(String label, MethodHandle target, Object[] args) {
        this.label = label;
        this.target = target;
        this.args = args;
    }

    /** Runs {@code result} and the tail calls it leads to; returns the first result that is not one. */
    static Object trampoline(Object result) throws Throwable {
        Object r = result;
        while (r instanceof TailCall t) {
            r = t.target.invokeWithArguments(t.args);
        }
        return r;
    }

    @Override
    public String toString() {
        return "TailCall[" + label + Arrays.toString(args) + "]";
    }
}
