package dev.graft.examples;

import dev.graft.behaviour.GenServer;
import dev.graft.behaviour.StartResult;
import dev.graft.code.CodeServer;
import dev.graft.process.Pid;
import dev.graft.shell.Shell;
import dev.graft.sys.Sys;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Seed 002: DemoServer's {@code money} becomes {@code salary} through an explicit
 * {@code codeChange}: suspend, compile and load version 2, change_code, resume; adding money
 * then replies with the new state.
 */
final class DemoServerExample implements Example {
    static final String MODULE = "demo.DemoServer";
    static final String FILE = "demo/DemoServer.java";

    @Override
    public String name() {
        return "demo-server";
    }

    @Override
    public String summary() {
        return "seed 002: DemoServer's money becomes salary through an explicit codeChange";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Workspace.run(name(), out, w -> {
            CodeServer code = w.code();
            Shell shell = w.shell();
            Path src = w.src();
            ModuleSources.install(name(), 1, FILE, src);
            shell.c(src.resolve(FILE));
            out.println("$ iex demo_server.ex");
            Pid pid = ((StartResult) code.apply(MODULE, "startLink", "blackode", 30000)).pid();
            out.println("iex> {:ok, pid} = DemoServer.start_link employee      {:ok, " + pid + "}");
            out.println("iex> DemoServer.add_money pid, 30000                  \"" + code.apply(MODULE, "addMoney", pid, 30000) + "\"");
            out.println("iex> :sys.get_state pid                               " + Sys.getState(pid));
            Sys.suspend(pid);
            out.println("iex> :sys.suspend pid                                 :ok");
            ModuleSources.install(name(), 2, FILE, src);
            out.println("iex> c \"demo_server_v2.ex\"                            "
                    + (shell.c(src.resolve(FILE)).isLoaded() ? "[DemoServer]" : "{:error, ...}"));
            Sys.changeCode(pid, MODULE, "1", null);
            out.println("iex> :sys.change_code pid, DemoServer, \"1\", nil       :ok");
            Sys.resume(pid);
            out.println("iex> :sys.resume pid                                  :ok");
            out.println("iex> DemoServer.add_money(pid, 100000)                " + code.apply(MODULE, "addMoney", pid, 100000));
            GenServer.stop(pid);
        });
    }
}
