package dev.graft.examples;

import java.io.PrintStream;

/** A runnable example that prints a transcript, like the seeds' shell sessions. */
interface Example {
    /** The name {@code ./graft example NAME} knows it by. */
    String name();

    /** One line saying what it shows. */
    String summary();

    /** Runs the example on its own node, printing its transcript to {@code out}. */
    void run(PrintStream out) throws Exception;
}
