package modtest;

import dev.graft.code.Code;
import dev.graft.code.TailCall;
import dev.graft.code.Vsn;
import dev.graft.process.Io;
import dev.graft.process.Pid;
import dev.graft.process.Proc;

/**
 * The seed's modtest, version 4 (version 3 with a new version()): the reload message makes an intermediate qualified call,
 * ?MODULE:code_change(Version), so the new version can change the state before its loop runs.
 */
@Vsn("4")
public final class Modtest {
    private Modtest() {}

    public static Pid init() {
        return Code.spawn(Modtest::loop, version());
    }

    public static TailCall loop(String state) {
        for (;;) {
            Object message = Proc.receive(timeoutMillis());
            if ("reload".equals(message)) {
                String newVersion = Code.remote(Modtest::codeChange, state);
                Io.format("external call state is %s, current version is %s%n", state, newVersion);
                return Code.tail(Modtest::loop, newVersion);
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
        return "version4";
    }

    /** Any action on the state before the code change completes; may depend on the old version. */
    public static String codeChange(String oldState) {
        Io.format("it is possible here to do any action on the state: %s before the code change is completed%n", oldState);
        return version(); // a real module would adapt the state according to the version it came from
    }
}
