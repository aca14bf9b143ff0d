package bench;

import dev.graft.code.Vsn;

/** Calls Callee remotely (relinked at each load of Callee) and itself locally (a plain call). */
@Vsn("1")
public final class Caller {
    private Caller() {}

    public static int remoteInc(int x) {
        return Callee.inc(x);
    }

    public static int localInc(int x) {
        return inc(x);
    }

    static int inc(int x) {
        return x + 1;
    }
}
