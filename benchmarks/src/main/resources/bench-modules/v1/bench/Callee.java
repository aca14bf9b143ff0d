package bench;

import dev.graft.code.Vsn;

/** A small module: the callee of the remote-call benchmark and the module the load benchmark loads. */
@Vsn("1")
public final class Callee {
    private Callee() {}

    public static int inc(int x) {
        return x + 1;
    }

    public static String name() {
        return "callee v1";
    }
}
