package dev.graft.examples;

import dev.graft.code.CodeServer;
import dev.graft.code.LoadResult;
import dev.graft.shell.Shell;
import dev.graft.sys.Sys;
import dev.graft.term.Atom;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Seed 001: KV, a GenServer holding a map. Version 0 is loaded and used; version 1, which logs
 * every request, is loaded while it runs; suspend, change_code and resume move the running
 * server to it: the map survives and the log lines appear. Then {@code r KV} does the same in
 * one step.
 */
final class KvExample implements Example {
    static final String MODULE = "kv.KV";
    static final String FILE = "kv/KV.java";

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public String summary() {
        return "seed 001: KV upgraded with suspend, change_code and resume: the state survives, the logging appears";
    }

    @Override
    public void run(PrintStream out) throws Exception {
        Workspace.run(name(), out, w -> {
            CodeServer code = w.code();
            Shell shell = w.shell();
            Path src = w.src();
            ModuleSources.install(name(), 0, FILE, src);
            out.println("% javac " + FILE + "                      (compiles " + shell.compile(src.resolve(FILE)) + ")");
            out.println("iex> l KV                                  " + loaded(shell.l(MODULE)));
            out.println("iex> KV.start_link                         " + code.apply(MODULE, "startLink"));
            out.println("iex> KV.get(:a)                            " + show(code.apply(MODULE, "get", "a")));
            out.println("iex> KV.put(:a, 42)                        " + show(code.apply(MODULE, "put", "a", 42)));
            out.println("iex> KV.get(:a)                            " + show(code.apply(MODULE, "get", "a")));

            ModuleSources.install(name(), 1, FILE, src);
            out.println("         (kv/KV.java patched: it logs each request; @Vsn(\"1\"))");
            out.println("% javac " + FILE + "                      (compiles " + shell.compile(src.resolve(FILE)) + ")");
            out.println("iex> :code.load_file KV                    " + loaded(code.load(MODULE)));
            Sys.suspend("KV");
            out.println("iex> :sys.suspend(KV)                      :ok");
            Sys.changeCode("KV", MODULE, "0", null);
            out.println("iex> :sys.change_code(KV, KV, 0, nil)      :ok");
            Sys.resume("KV");
            out.println("iex> :sys.resume(KV)                       :ok");
            out.println("iex> KV.get(:a)");
            out.println(show(code.apply(MODULE, "get", "a")));
            out.println("iex> KV.put(:b, 2)");
            out.println(show(code.apply(MODULE, "put", "b", 2)));

            out.println("iex> r KV                                  " + reloaded(shell.r(MODULE)));
            out.println("iex> KV.get(:a)");
            out.println(show(code.apply(MODULE, "get", "a")));
            dev.graft.behaviour.GenServer.stop("KV");
        });
    }

    /** A value as iex shows it: nil, :ok, 42. */
    static String show(Object v) {
        return v == null ? "nil" : v instanceof Atom a ? ":" + a.name() : String.valueOf(v);
    }

    private static String loaded(LoadResult r) {
        return r.isLoaded() ? "{:module, KV}" : "{:error, " + ((LoadResult.Refused) r).describe() + "}";
    }

    private static String reloaded(LoadResult r) {
        return r.isLoaded() ? "{:reloaded, KV, [KV]}" : "{:error, " + ((LoadResult.Refused) r).describe() + "}";
    }
}
