package bench;

import dev.graft.code.Vsn;
import java.util.function.IntUnaryOperator;

/**
 * Calls Callee remotely (relinked at each load of Callee) and itself locally (a plain call), and
 * makes lambdas, which the loader guards so that they raise badfun once this version is purged.
 */
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

    /** A lambda: its body starts with the guard. */
    public static IntUnaryOperator incLambda() {
        return x -> x + 1;
    }

    /** A method reference to this module's function: it goes through a guarded bridge. */
    public static IntUnaryOperator incReference() {
        return Caller::inc;
    }
}
