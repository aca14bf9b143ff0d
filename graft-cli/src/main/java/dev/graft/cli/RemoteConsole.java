package dev.graft.cli;

import dev.graft.admin.AdminClient;
import dev.graft.admin.AdminException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code graft remote}: a console attached to a running node. Each line read goes to the node,
 * whose console session (jshell, inside the node) evaluates it once it completes a snippet;
 * what the snippet and the processes it spawned print comes back as it is printed. The node
 * keeps running when the console leaves ({@code /exit}, or the end of the input).
 */
final class RemoteConsole {
    private static final String PROMPT = "graft> ";
    private static final String MORE = "  ...> ";

    private final AdminClient node;
    private final Path root;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    RemoteConsole(AdminClient node, Path root, InputStream in, PrintStream out, PrintStream err) {
        this.node = node;
        this.root = root;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run() throws IOException {
        out.println("Graft console on node " + node.nodeName() + " at " + root);
        out.println("Java snippets run inside the node; help() lists the helpers; /exit or Ctrl-D leaves, the node keeps running.");
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String prompt = PROMPT;
        for (;;) {
            out.print(prompt);
            out.flush();
            String line = lines.readLine();
            if (line == null || (prompt.equals(PROMPT) && line.strip().equals("/exit"))) {
                out.println();
                return Graft.OK;
            }
            try {
                AdminClient.Answer answer = node.request(out::println, "console", line);
                prompt = answer.more() ? MORE : PROMPT;
                if (!answer.text().isEmpty()) {
                    out.println(answer.text());
                }
            } catch (AdminException e) {
                prompt = PROMPT;
                if (!e.reason().equals("eval_failed")) {
                    err.println("graft: " + e.getMessage());
                    return Graft.FAILED;
                }
                out.println(e.getMessage());
            }
        }
    }
}
