package dev.graft.admin;

import dev.graft.behaviour.BehaviourIndex;
import dev.graft.code.CodeServer;
import dev.graft.code.LoadResult;
import dev.graft.code.ModuleVersion;
import dev.graft.process.Io;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.ProcessInfo;
import dev.graft.release.Release;
import dev.graft.sys.Status;
import dev.graft.sys.Sys;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What a console snippet calls by its bare name (they are statically imported): iex's code
 * helpers {@code c}, {@code r} and {@code l}, and the inspection helpers of Erlang's shell and
 * {@code sys}. Each acts for the console session of the process that calls it, and prints to
 * that console.
 */
public final class ConsoleHelpers {
    private ConsoleHelpers() {}

    private static ConsoleSession session() {
        if (!ConsoleSession.CURRENT.isBound()) {
            throw new IllegalStateException("the console helpers work only in a snippet of graft remote or graft eval");
        }
        return ConsoleSession.CURRENT.get();
    }

    /** The node the console is attached to. */
    public static Node node() {
        return session().admin().node();
    }

    /** Compiles a module's source file (a path on the node's machine, relative to the release root) and loads it: {@code c(File)}. */
    public static LoadResult c(String path) {
        NodeAdmin admin = session().admin();
        return admin.shell().c(admin.root().resolve(Path.of(path)));
    }

    /** Recompiles a module from the source {@link #c} compiled it from, and loads it: {@code r(Module)}. */
    public static LoadResult r(String module) {
        return session().admin().shell().r(module);
    }

    /** Purges a module's old code and loads it from the code path (the console's and the current release's classes): {@code l(Module)}. */
    public static LoadResult l(String module) {
        return session().admin().shell().l(module);
    }

    /**
     * Calls {@code module.function(args)} in the module's current version, Erlang's
     * {@code M:F(A)}: a snippet cannot name a module's classes, which belong to its version's
     * loader (DESIGN decision 2), so it calls modules by name.
     */
    public static Object apply(String module, String function, Object... args) throws Exception {
        return CodeServer.of(node()).apply(module, function, args);
    }

    /**
     * Lists the node's processes: pid, registered name, status, queued messages, and the module
     * version each runs — the innermost module frame on its stack, or for a behaviour process
     * idle in its loop, its callback module's current version (the one its next message runs).
     */
    public static void processes() {
        Node node = node();
        CodeServer code = CodeServer.of(node);
        Map<Pid, String> callbacks = BehaviourIndex.of(node).callbackModules();
        PrintStream out = Io.out();
        String row = "%-10s %-24s %-9s %5s  %-32s %s%n";
        out.printf(row, "PID", "NAME", "STATUS", "MSGS", "RUNNING", "INITIAL CALL");
        node.processes().stream().sorted(Comparator.naturalOrder()).forEach(pid -> node.info(pid).ifPresent(i -> {
            String running = i.currentModule().orElseGet(() -> {
                String module = callbacks.get(pid);
                return module == null ? "-" : code.isLoaded(module).map(ModuleVersion::toString).orElse(module); // else Graft's own
            });
            out.printf(row, pid, i.registeredName().orElse("-"),
                    i.status().toString().toLowerCase(java.util.Locale.ROOT), i.messageQueueLength(), running, i.initialCall());
        }));
    }

    /** A process's info (Erlang's {@code process_info/1}): by pid, by number ({@code info(42)}) or by registered name. */
    public static ProcessInfo info(Object process) {
        Pid pid = resolve(process);
        return node().info(pid).orElseThrow(() -> new NoSuchElementException(pid + " is not alive"));
    }

    /** The pid of process number {@code id} on this node: {@code pid(0,42,0)}. */
    public static Pid pid(long id) {
        return node().processes().stream().filter(p -> p.id() == id).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no live process has number " + id));
    }

    /** {@code sys:get_state/1} of a behaviour process, by pid, number or name. */
    public static Object getState(Object server) {
        return Sys.getState(resolve(server));
    }

    /** {@code sys:get_status/1} of a behaviour process, by pid, number or name. */
    public static Status getStatus(Object server) {
        return Sys.getStatus(resolve(server));
    }

    /** Lists the loaded modules: each one's current version, and its old one if it has old code. */
    public static void modules() {
        CodeServer code = CodeServer.of(node());
        PrintStream out = Io.out();
        code.allLoaded().stream().sorted(Comparator.comparing(ModuleVersion::name)).forEach(v -> out.println(
                v.name() + "  " + v.vsn() + code.oldCode(v.name()).map(o -> "  (old code: " + o.vsn() + ")").orElse("")));
    }

    /** Lists the releases the node knows and their statuses: {@code release_handler:which_releases/0}. */
    public static void releases() {
        PrintStream out = Io.out();
        for (Release r : session().admin().releases().whichReleases()) {
            out.println(r.name() + "  " + r.vsn() + "  " + r.status());
        }
    }

    /** Prints what a console offers. */
    public static void help() {
        Io.out().print("""
                Java snippets run inside the node, in one process of its own (Proc.self()).
                  node                the node;  CodeServer.of(node), ApplicationController.of(node) ...
                  c("path/Mod.java")  compile a module (path relative to the release root) and load it
                  r("pkg.Mod")        recompile it from the same source and load it
                  l("pkg.Mod")        purge its old code and load it from the code path
                  apply("pkg.Mod", "f", args...)   call a module's public static function, current version
                  processes()         every process: name, status, messages, the module version it runs
                  info(p)             process_info of a pid, a number or a registered name
                  pid(42)             the pid of process number 42
                  getState(p)         sys:get_state of a behaviour process;  getStatus(p) sys:get_status
                  modules()           loaded modules, current and old versions
                  releases()          the releases and their statuses
                /exit or Ctrl-D leaves the console; the node keeps running.
                """);
    }

    private static Pid resolve(Object process) {
        return switch (process) {
            case Pid p -> p;
            case Number n -> pid(n.longValue());
            case String name -> node().whereis(name).orElseThrow(() -> new NoSuchElementException("no process is registered as " + name));
            default -> throw new IllegalArgumentException("name a process by its pid, its number or its registered name, not " + process);
        };
    }
}
