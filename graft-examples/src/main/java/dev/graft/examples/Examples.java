package dev.graft.examples;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code ./graft examples}: runs every example, one after another, printing each transcript.
 * {@code ./graft example NAME} runs one; {@code ./graft example list} lists them. (The main
 * job, {@code ./graft demo}, is {@link dev.graft.examples.chat.ChatDemo}.)
 */
public final class Examples {
    static final List<Example> EXAMPLES = List.of(new ProcessesTour(), new HelloWorldModules(), new ModtestModules(),
            new HelloWorldGenServer(), new KvExample(), new DemoServerExample());

    private Examples() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length == 1 && args[0].equals("list")) {
            EXAMPLES.forEach(e -> out.printf("%-16s %s%n", e.name(), e.summary()));
            return;
        }
        if (args.length == 1) {
            Example e = EXAMPLES.stream().filter(x -> x.name().equals(args[0])).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no example named '" + args[0]
                            + "'; ./graft example list shows them"));
            e.run(out);
            return;
        }
        for (Example e : EXAMPLES) {
            out.println("=== " + e.name() + ": " + e.summary());
            e.run(out);
            out.println();
        }
    }
}
