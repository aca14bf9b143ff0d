package dev.graft.examples;

import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import dev.graft.shell.Shell;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an example that edits and loads modules works in: a node printing to the transcript,
 * its code server, a shell compiling into a class directory on the code path, and a source tree,
 * all in a temporary directory of its own.
 */
record Workspace(Node node, CodeServer code, Shell shell, Path src) {
    @FunctionalInterface
    interface Session {
        void run(Workspace w) throws Exception;
    }

    /** Runs {@code session} as a process of a new node named {@code name}, then stops the node. */
    static void run(String name, PrintStream out, Session session) throws Exception {
        Path work = Files.createTempDirectory("graft-" + name);
        try (Node node = Node.start(name)) {
            node.output(out);
            CodeServer code = CodeServer.of(node);
            Workspace w = new Workspace(node, code, new Shell(code, work.resolve("classes")), work.resolve("src"));
            node.runProcess(() -> {
                session.run(w);
                return null;
            });
        }
    }
}
