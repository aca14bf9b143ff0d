package dev.graft.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.graft.process.Down;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Ref;
import dev.graft.shell.Shell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A node with a code server, a source directory and a class directory on the code path, for
 * writing modules as Java text and compiling and loading them in tests. Close it to stop the node.
 *
 * <p>Module sources are templates: {@code $V} is replaced by the version given. Public for the
 * tests of other packages that load modules (migration, behaviours).
 */
public final class Lab implements AutoCloseable {
    /** How long a test waits for a message that must come: a guard against hangs, not a timing assertion. */
    public static final long PATIENCE_MILLIS = 20_000;
    /** Modules compiled by {@link #loadedBinary}, by module, template and version. */
    private static final Map<List<String>, ModuleBinary> COMPILED = new ConcurrentHashMap<>();

    public final Node node;
    public final CodeServer code;
    final Shell shell;
    final Path src;
    final Path classes;

    public Lab(Path dir) {
        this.node = Node.start("codetest");
        this.code = CodeServer.of(node);
        this.src = dir.resolve("src");
        this.classes = dir.resolve("classes");
        this.shell = new Shell(code, classes);
    }

    @Override
    public void close() {
        node.close();
    }

    // ---- sources and class files ----

    /** Writes the module's source file, {@code src/p/Name.java}, with {@code $V} replaced by {@code vsn}. */
    public Path write(String module, String template, Object vsn) {
        Path file = src.resolve(module.replace('.', '/') + ".java");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, template.replace("$V", String.valueOf(vsn)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes and compiles the module into the class directory (the code path); loads nothing. */
    public void compile(String module, String template, Object vsn) {
        assertThat(shell.compile(write(module, template, vsn))).isEqualTo(module);
    }

    /** Compiles the module and loads it from the code path with {@link CodeServer#load} (no purge). */
    public LoadResult load(String module, String template, Object vsn) {
        compile(module, template, vsn);
        return code.load(module);
    }

    /** {@link #load} that must succeed; returns the new current version. */
    public ModuleVersion loaded(String module, String template, Object vsn) {
        LoadResult r = load(module, template, vsn);
        assertThat(r).as("loading %s v%s", module, vsn).isInstanceOf(LoadResult.Loaded.class);
        return ((LoadResult.Loaded) r).version();
    }

    /** The module's class files in the class directory: the top-level class and its nested classes. */
    Map<String, byte[]> classFiles(String module) {
        Path top = classFile(module);
        String pkg = module.substring(0, module.lastIndexOf('.') + 1);
        String simple = module.substring(module.lastIndexOf('.') + 1);
        Map<String, byte[]> out = new TreeMap<>();
        try (DirectoryStream<Path> nested = Files.newDirectoryStream(top.getParent(), simple + "$*.class")) {
            out.put(module, Files.readAllBytes(top));
            for (Path f : nested) {
                String n = f.getFileName().toString();
                out.put(pkg + n.substring(0, n.length() - ".class".length()), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Compiles the module and reads it back as bytes made in memory (origin ""), for {@link CodeServer#loadBinary}. */
    ModuleBinary binary(String module, String template, Object vsn) {
        compile(module, template, vsn);
        return ModuleBinary.of(module, classFiles(module), "");
    }

    /**
     * Loads the module with {@link CodeServer#loadBinary} (which purges its old version first)
     * and returns the new current version; the source is compiled only the first time any lab
     * of this JVM is given this module, template and version, since compiling is most of what
     * such a test costs.
     */
    public ModuleVersion loadedBinary(String module, String template, Object vsn) {
        ModuleBinary b = COMPILED.computeIfAbsent(List.of(module, template, String.valueOf(vsn)),
                k -> binary(module, template, vsn));
        return code.loadBinary(b).orThrow().getFirst();
    }

    Path classFile(String module) {
        return classes.resolve(module.replace('.', '/') + ".class");
    }

    // ---- processes ----

    /** Runs {@code body} as a process of the node and returns its result. */
    public <T> T run(Callable<T> body) throws Exception {
        return node.runProcess(body);
    }

    /** Runs {@code body} as a process of the node. */
    public void inProcess(ThrowingRunnable body) throws Exception {
        node.runProcess(() -> {
            body.run();
            return null;
        });
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** In a process: the first message {@code pattern} accepts; fails the test if none comes (a hang guard). */
    public static Object await(String what, Predicate<Object> pattern) {
        Object m = Proc.receive(pattern, PATIENCE_MILLIS);
        if (m == null) {
            fail("no message came: " + what);
        }
        return m;
    }

    /** In a process: the Down of the monitor {@code ref}. */
    static Down awaitDown(Ref ref) {
        return (Down) await("DOWN for " + ref, m -> m instanceof Down d && d.ref().equals(ref));
    }

    /** In a process: a message {@code List.of(tag, ...)} from the process {@code from} (its last element). */
    public static List<?> awaitTagged(String tag, Pid from) {
        return (List<?>) await(tag + " from " + from, m -> m instanceof List<?> l && l.size() >= 2
                && tag.equals(l.getFirst()) && from.equals(l.getLast()));
    }

    /** In a process: a message {@code List.of(tag, ...)} from anyone. */
    static List<?> awaitTagged(String tag) {
        return (List<?>) await(tag, m -> m instanceof List<?> l && !l.isEmpty() && tag.equals(l.getFirst()));
    }

    // ---- the standard server module ----

    /**
     * A bare server, Erlang's modtest: {@code loop(owner)} tells its owner {@code ["entered", vsn, self]}
     * and then loops locally (staying in its version), answering:
     * <ul>
     *   <li>{@code ["vsn", from]}: {@code ["vsn", vsn(), self]}, its own version by a local call;</li>
     *   <li>{@code ["remote", from]}: {@code ["remote", Code.remote(M::vsn), self]}, the current version's answer;</li>
     *   <li>{@code ["spawn", from]}: {@code Code.spawn(M::loop, from)}, Erlang's {@code spawn(?MODULE, loop, [From])};</li>
     *   <li>{@code ["purge", from]}: {@code ["purged", Code.purge(M), self]}, a purge made by this very process;</li>
     *   <li>{@code "tail"}: {@code return Code.tail(M::loop, owner)}, Erlang's {@code ?MODULE:loop(Owner)};</li>
     *   <li>{@code "stop"}: returns, ending the process normally.</li>
     * </ul>
     */
    public static String server(String module) {
        String pkg = module.substring(0, module.lastIndexOf('.'));
        String name = module.substring(module.lastIndexOf('.') + 1);
        return """
                package PKG;

                import dev.graft.code.Code;
                import dev.graft.code.TailCall;
                import dev.graft.code.Vsn;
                import dev.graft.process.Pid;
                import dev.graft.process.Proc;
                import java.util.List;

                @Vsn("$V")
                public final class NAME {
                    private NAME() {}

                    public static int vsn() {
                        return $V;
                    }

                    public static TailCall loop(Pid owner) {
                        Proc.send(owner, List.of("entered", vsn(), Proc.self()));
                        for (;;) {
                            Object m = Proc.receive();
                            if (m instanceof List<?> l && "vsn".equals(l.get(0))) {
                                Proc.send((Pid) l.get(1), List.of("vsn", vsn(), Proc.self()));
                            } else if (m instanceof List<?> l && "remote".equals(l.get(0))) {
                                int current = Code.remote(NAME::vsn);
                                Proc.send((Pid) l.get(1), List.of("remote", current, Proc.self()));
                            } else if (m instanceof List<?> l && "spawn".equals(l.get(0))) {
                                Code.spawn(NAME::loop, (Pid) l.get(1));
                            } else if (m instanceof List<?> l && "purge".equals(l.get(0))) {
                                boolean killed = Code.purge("PKG.NAME");
                                Proc.send((Pid) l.get(1), List.of("purged", killed, Proc.self()));
                            } else if ("tail".equals(m)) {
                                return Code.tail(NAME::loop, owner);
                            } else if ("stop".equals(m)) {
                                return null;
                            }
                        }
                    }
                }
                """.replace("PKG", pkg).replace("NAME", name);
    }

    /** In a process: spawns {@code module.loop(self)} in the current version and waits until it has entered; returns its pid. */
    public static Pid spawnServer(String module, int expectedVsn) {
        Pid p = Code.spawn(module, "loop", Proc.self());
        List<?> entered = awaitTagged("entered", p);
        assertThat(entered.get(1)).as("version %s entered", p).isEqualTo(expectedVsn);
        return p;
    }

    /** In a process: asks a server for {@code tag} ("vsn" or "remote") and returns the number it answers. */
    static int ask(Pid server, String tag) {
        Proc.send(server, List.of(tag, Proc.self()));
        return (Integer) awaitTagged(tag, server).get(1);
    }

    /** A module with nothing but {@code vsn()}: {@code @Vsn("$V") ... vsn() returns $V}. */
    public static String plain(String module) {
        String pkg = module.substring(0, module.lastIndexOf('.'));
        String name = module.substring(module.lastIndexOf('.') + 1);
        return """
                package PKG;

                @dev.graft.code.Vsn("$V")
                public final class NAME {
                    private NAME() {}

                    public static int vsn() {
                        return $V;
                    }
                }
                """.replace("PKG", pkg).replace("NAME", name);
    }

    /** Calls {@code module.vsn()} in the current version through {@link CodeServer#apply}. */
    int vsnOf(String module) throws Exception {
        return (Integer) code.apply(module, "vsn");
    }

    // ---- unloading ----

    /** A weak reference to the class loader of {@code v}, to see it collected once {@code v} is purged. */
    public static WeakReference<ClassLoader> loaderOf(ModuleVersion v) {
        return new WeakReference<>(v.moduleClass().getClassLoader());
    }

    /** Collects garbage until {@code ref} clears; bounded by a count of collections, not by time. */
    public static void assertCollected(WeakReference<?> ref, String what) {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
        }
        if (ref.get() != null) {
            fail(what + " was not collected after 50 collections: something still refers to it");
        }
    }
}
