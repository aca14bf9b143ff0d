package bench;

import dev.graft.code.Vsn;

/** A small module: the callee of the remote-call benchmark and the module the load benchmark loads. */
@Vsn("2")
public final class Callee {
    private Callee() {}

    public static int inc(int x) {
        return x + 2;
    }

    public static String name() {
        return "callee v2";
    }
}
