package dev.graft.examples;

import dev.graft.code.Code;
import dev.graft.code.LoadResult;
import dev.graft.code.ModuleVersion;
import dev.graft.process.Down;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.shell.Shell;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Seed 000, first half: two processes run two versions of HelloWorld side by side; loading a
 * third version kills the process still in the oldest, the other keeps its greeting, and new
 * processes run the newest.
 */
final class HelloWorldModules implements Example {
    static final String MODULE = "hello.HelloWorld";
    static final String FILE = "hello/HelloWorld.java";
    private static final long EVERY_MILLIS = 300;

    @Override
    public String name() {
        return "hello";
    }

    @Override
    public String summary() {
        return "seed 000: HelloWorld in two versions at once; a third version kills the oldest";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Workspace.run(name(), out, w -> {
            Shell shell = w.shell();
            Path src = w.src();
            ModuleSources.install(name(), 1, FILE, src);
            out.println("iex(1)> c(\"" + FILE + "\")              " + loaded(shell.c(src.resolve(FILE))));
            Pid first = Code.spawn(MODULE, "hello", "Joe", EVERY_MILLIS);
            Proc.monitor(first);
            out.println("iex(2)> spawn(HelloWorld, :hello, [\"Joe\"])  " + first);
            Proc.sleep(EVERY_MILLIS * 5 / 2);

            ModuleSources.install(name(), 2, FILE, src);
            out.println("         (HelloWorld.java now says \"Hello\")");
            out.println("iex(3)> r HelloWorld                     " + loaded(shell.r(MODULE)));
            Proc.sleep(EVERY_MILLIS * 3 / 2);
            Pid second = Code.spawn(MODULE, "hello", "Joe", EVERY_MILLIS);
            out.println("iex(4)> spawn(HelloWorld, :hello, [\"Joe\"])  " + second);
            Proc.sleep(EVERY_MILLIS * 5 / 2);

            ModuleSources.install(name(), 3, FILE, src);
            out.println("         (HelloWorld.java now says \"Goodbye\")");
            out.println("iex(5)> r HelloWorld                     " + loaded(shell.r(MODULE)));
            Down down = Proc.receive(Down.class);
            out.println("         " + first + " ran version 1, which was purged: " + down);
            Proc.sleep(EVERY_MILLIS * 5 / 2);
            Pid third = Code.spawn(MODULE, "hello", "Joe", EVERY_MILLIS);
            out.println("iex(6)> spawn(HelloWorld, :hello, [\"Joe\"])  " + third);
            Proc.sleep(EVERY_MILLIS * 5 / 2);
            Proc.exit(second, Reason.KILL);
            Proc.exit(third, Reason.KILL);
        });
    }

    static String loaded(LoadResult result) {
        return switch (result) {
            case LoadResult.Loaded l -> "{:module, HelloWorld} " + describe(l.version());
            case LoadResult.Refused r -> "{:error, " + r.describe() + "}";
        };
    }

    private static String describe(ModuleVersion v) {
        return "(vsn " + v.vsn() + ")";
    }
}
