package dev.graft.cli;

import dev.graft.admin.AdminException;
import dev.graft.release.ReleaseException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/** How the command shows a long step: what it starts, then how long it took. */
final class Progress {
    private Progress() {}

    /** A step's work. */
    @FunctionalInterface
    interface Body {
        void run() throws AdminException, ReleaseException, IOException;
    }

    static void step(PrintStream out, String what, Body body) throws AdminException, ReleaseException, IOException {
        out.println("==> " + what);
        long started = System.nanoTime();
        body.run();
        out.println("    done in " + seconds(started));
    }

    /** The time since {@code startedNanos} ({@link System#nanoTime}), for people. */
    static String seconds(long startedNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }
}
