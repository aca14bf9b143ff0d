package modtest;

import dev.graft.code.Code;
import dev.graft.code.TailCall;
import dev.graft.code.Vsn;
import dev.graft.process.Io;
import dev.graft.process.Pid;
import dev.graft.process.Proc;

/** The seed's modtest, version 1: a bare server that moves to new code only on a qualified call. */
@Vsn("1")
public final class Modtest {
    private Modtest() {}

    /** spawn(?MODULE, loop, [version()]) */
    public static Pid init() {
        return Code.spawn(Modtest::loop, version());
    }

    /**
     * The loop. Going round the for loop is Erlang's local call loop(version()): it stays in
     * this version. Returning Code.tail(Modtest::loop, ...) is ?MODULE:loop(...): it enters the
     * current version.
     */
    public static TailCall loop(String state) {
        for (;;) {
            Object message = Proc.receive(timeoutMillis());
            if ("reload".equals(message)) {
                Io.format("external call state is %s, current version is %s%n", state, version());
                return Code.tail(Modtest::loop, version());
            } else if ("stop".equals(message)) {
                Io.println("stopped");
                return null;
            } else if (message == null) {
                Io.format("timeout, state is %s, current version is %s%n", state, version());
                state = version();
            } else {
                Io.format("receive message %s%n---> local call state is %s, current version is %s%n",
                        message, state, version());
                state = version();
            }
        }
    }

    static long timeoutMillis() {
        return Long.getLong("modtest.timeout", 10_000L);
    }

    public static String version() {
        return "version1";
    }
}
