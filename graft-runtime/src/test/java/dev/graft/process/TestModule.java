package dev.graft.process;

/**
 * A module for {@code spawn(Class, "function", args...)}: its public static methods are the
 * exported functions.
 */
public final class TestModule {
    private TestModule() {}

    /** Sends {@code to} the messages "text 1" .. "text times". */
    public static void greet(Pid to, String text, int times) {
        for (int i = 1; i <= times; i++) {
            Proc.send(to, text + " " + i);
        }
    }

    /** Waits for ever, keeping every message. */
    public static void idle() {
        Proc.receive(m -> false);
    }

    /** Throws at once. */
    public static void crash(String message) {
        throw new IllegalStateException(message);
    }

    /** Not public: like a function the module does not export. */
    static void hidden(Pid to) {
        Proc.send(to, "hidden was called");
    }
}
