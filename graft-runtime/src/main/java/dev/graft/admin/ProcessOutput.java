package dev.graft.admin;

import dev.graft.process.Io;
import dev.graft.process.Proc;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * {@code System.out} of a node started by the command: inside a process it prints where the
 * process prints ({@link Io#out}), so a snippet's {@code System.out.println}, and that of any
 * process it spawned, reaches the console it came from; everywhere else, and for processes that
 * print to the node's own output, it prints to the stream it replaced.
 */
final class ProcessOutput extends OutputStream {
    private final PrintStream original;
    private PrintStream self;

    private ProcessOutput(PrintStream original) {
        this.original = original;
    }

    /** Installs the router as {@code System.out}; returns the stream it replaced. */
    static PrintStream install() {
        PrintStream original = System.out;
        ProcessOutput router = new ProcessOutput(original);
        Charset cs = original.charset();
        router.self = new PrintStream(router, true, cs);
        System.setOut(router.self);
        return original;
    }

    private PrintStream target() {
        if (!Proc.inProcess()) {
            return original;
        }
        PrintStream out = Io.out();
        return out == self ? original : out;
    }

    @Override
    public void write(int b) {
        target().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        target().write(b, off, len);
    }

    @Override
    public void flush() {
        target().flush();
    }
}
