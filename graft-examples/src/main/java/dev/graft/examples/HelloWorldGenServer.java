package dev.graft.examples;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.CodeServer;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.shell.Shell;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Seed 000, second half: HelloWorld as a GenServer. Its loop calls the callback module's
 * current version at every message, so {@code r HelloWorld} changes what the running server
 * says at its very next {@code hello}.
 */
final class HelloWorldGenServer implements Example {
    static final String MODULE = "hellogen.HelloWorld";
    static final String FILE = "hellogen/HelloWorld.java";
    private static final long EVERY_MILLIS = 300;

    @Override
    public String name() {
        return "hello-genserver";
    }

    @Override
    public String summary() {
        return "seed 000: HelloWorld as a GenServer; r HelloWorld changes it at the next message";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Workspace.run(name(), out, w -> {
            CodeServer code = w.code();
            Shell shell = w.shell();
            Path src = w.src();
            ModuleSources.install(name(), 1, FILE, src);
            shell.c(src.resolve(FILE));
            Pid server = ((StartResult) code.apply(MODULE, "startLink", EVERY_MILLIS)).pid();
            out.println("iex(1)> HelloWorld.start_link     {:ok, " + server + "}");
            Proc.sleep(EVERY_MILLIS * 7 / 2);

            ModuleSources.install(name(), 2, FILE, src);
            out.println("         (HelloWorld.java now says \"Hello\")");
            out.println("iex(2)> r HelloWorld              "
                    + (shell.r(MODULE).isLoaded() ? "{:reloaded, HelloWorld, [HelloWorld]}" : "{:error, ...}"));
            Proc.sleep(EVERY_MILLIS * 5 / 2);
            out.println("         (" + server + " is the same process: its loop calls HelloWorld's current version"
                    + " at every message)");
            GenServer.stop(server);
        });
    }
}
