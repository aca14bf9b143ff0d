package dev.graft.process;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Where a process prints: the output half of Erlang's group leader, reduced to an output stream
 * (the other half, which group a process belongs to, is {@link Proc#groupLeader()}). A process
 * prints to the stream of the process that spawned it, and the first processes to their
 * node's ({@link Node#output}, {@code System.out} unless set). A console or a test gives a
 * process and everything it spawns an output of their own with {@link #setOut}.
 */
public final class Io {
    private Io() {}

    /** The calling process's output; {@code System.out} outside any process. */
    public static PrintStream out() {
        ProcessCell self = ProcessCell.current();
        return self == null ? System.out : self.out;
    }

    /** Sets the calling process's output, which the processes it spawns from now on inherit. */
    public static void setOut(PrintStream out) {
        ProcessCell self = ProcessCell.current();
        if (self == null) {
            throw new IllegalStateException("Io.setOut was called outside any process; use Node.output");
        }
        self.out = Objects.requireNonNull(out, "out");
    }

    /** Prints a line: {@code io:format("~p~n", [X])}. */
    public static void println(Object x) {
        out().println(x);
    }

    /** Prints with {@link String#format} syntax: Erlang's {@code io:format/2}. */
    public static void format(String format, Object... args) {
        out().print(String.format(format, args));
    }
}
