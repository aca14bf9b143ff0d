package dev.graft.admin;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Bytes in, lines out: what a console's processes print, cut into lines for the admin
 * channel's {@code out} messages. A partial line waits for its newline or for {@link #drain}.
 * Thread-safe: the processes a snippet spawned print concurrently.
 */
final class LineOutput extends OutputStream {
    private final Consumer<String> sink;
    /** Guarded by this. */
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineOutput(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** Sends the partial line, if any: at the end of a snippet. */
    synchronized void drain() {
        if (line.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        sink.accept(text);
    }
}
