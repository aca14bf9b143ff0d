package dev.graft.examples;

import dev.graft.code.LoadResult;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.shell.Shell;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Seed 003: modtest, a bare server. A local loop stays in its version after a load; the
 * {@code reload} message's qualified call moves it to the new version; in versions 3 and 4 an
 * intermediate qualified call, {@code ?MODULE:code_change(State)}, transforms the state on the
 * way.
 */
final class ModtestModules implements Example {
    static final String MODULE = "modtest.Modtest";
    static final String FILE = "modtest/Modtest.java";

    @Override
    public String name() {
        return "modtest";
    }

    @Override
    public String summary() {
        return "seed 003: a local loop stays in its version; a qualified call moves it, with code_change";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Workspace.run(name(), out, w -> {
            Shell shell = w.shell();
            Path src = w.src();
            Session s = new Session(out, shell, src);
            s.section("version 1, then version 2 loaded while it runs");
            s.c(1);
            Pid p = s.init();
            s.send(p, "message1");
            s.send(p, "reload");
            s.edit(2, true);
            s.send(p, "message1");
            s.l();
            s.send(p, "message1");
            s.send(p, "reload");
            s.send(p, "message1");
            s.send(p, "message1");
            s.send(p, "stop");

            s.section("version 3: reload calls ?MODULE:code_change(State) first");
            s.c(3);
            p = s.init();
            s.send(p, "message");
            s.send(p, "reload");
            s.edit(4, false);
            s.c();
            s.send(p, "message");
            s.send(p, "reload");
            s.send(p, "message");
            s.send(p, "stop");
        });
    }

    /** Prints shell lines and waits for the server's answer to each message before the next. */
    private static final class Session {
        private final PrintStream out;
        private final Shell shell;
        private final Path src;
        private int prompt = 1;

        Session(PrintStream out, Shell shell, Path src) {
            this.out = out;
            this.shell = shell;
            this.src = src;
        }

        void section(String title) {
            out.println("--- " + title);
            prompt = 1;
        }

        void c(int version) {
            ModuleSources.install("modtest", version, FILE, src);
            c();
        }

        void c() {
            out.println(prompt++ + "> c(modtest).  " + loaded(shell.c(src.resolve(FILE))));
        }

        /** Edits the source; with {@code compile}, compiles it too, outside the running code (erlc): nothing is loaded. */
        void edit(int version, boolean compile) {
            ModuleSources.install("modtest", version, FILE, src);
            if (compile) {
                shell.compile(src.resolve(FILE));
            }
            out.println(prompt + "> % " + (compile ? "compiled outside the VM" : "edited") + ": version() -> version"
                    + version + ". (not loaded)");
        }

        void l() {
            out.println(prompt++ + "> l(modtest).  " + loaded(shell.l(MODULE)));
        }

        Pid init() throws Exception {
            Pid p = (Pid) shell.code().apply(MODULE, "init");
            out.println(prompt++ + "> P = modtest:init().  " + p);
            return p;
        }

        /** Sends and then waits until the server has handled the message (it is waiting again, or gone). */
        void send(Pid p, String message) {
            out.println(prompt++ + "> P ! " + message + ".");
            Proc.send(p, message);
            awaitIdle(p);
        }

        private static void awaitIdle(Pid p) {
            for (;;) {
                var info = Proc.info(p);
                if (info.isEmpty() || (info.get().status() == dev.graft.process.ProcessInfo.Status.WAITING
                        && info.get().messageQueueLength() == 0)) {
                    return;
                }
                Proc.yield();
            }
        }

        private static String loaded(LoadResult r) {
            return switch (r) {
                case LoadResult.Loaded l -> "{module,modtest} (vsn " + l.version().vsn() + ")";
                case LoadResult.Refused f -> "{error," + f.describe() + "}";
            };
        }
    }
}
