package dev.graft.examples;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An output that collects what processes print, line by line, so a test can wait for a line
 * (bounded by a timeout that only a broken build reaches) instead of sleeping.
 */
final class Transcript extends OutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    final PrintStream out = new PrintStream(this, true, StandardCharsets.UTF_8);

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            all.add(s);
            lines.add(s);
        } else {
            line.write(b);
        }
    }

    /** Takes lines until one matches; fails if none comes within 10 seconds. */
    String await(Predicate<String> matches) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (;;) {
            String s = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (s == null) {
                throw new AssertionError("no matching line within 10 s; transcript so far:\n" + String.join("\n", lines()));
            }
            if (matches.test(s)) {
                return s;
            }
        }
    }

    String await(String exact) throws InterruptedException {
        return await(exact::equals);
    }

    /** Forgets the lines not yet awaited. */
    void skipPending() {
        lines.clear();
    }

    synchronized List<String> lines() {
        return List.copyOf(all);
    }
}
