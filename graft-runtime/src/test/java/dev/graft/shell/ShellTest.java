package dev.graft.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.graft.code.Code;
import dev.graft.code.CodeServer;
import dev.graft.code.LoadError;
import dev.graft.code.LoadResult;
import dev.graft.code.ModuleFailure;
import dev.graft.code.ModuleStatus;
import dev.graft.code.ModuleVersion;
import dev.graft.process.Down;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3 item 7: the console's helpers. {@code c} compiles a source and loads it, {@code r}
 * recompiles the module's source and reloads it, {@code l} loads it from the code path; each
 * purges first, as Erlang's {@code c:c/1} and {@code c:l/1} do. A compile error changes no loaded code.
 */
class ShellTest {
    static final String M = "t.M";

    /** Version $V: vsn() and a local loop that answers ["vsn", from] with ["vsn", vsn, self]. */
    static final String SRC = """
            package t;

            import dev.graft.code.Vsn;
            import dev.graft.process.Pid;
            import dev.graft.process.Proc;
            import java.util.List;

            @Vsn("$V")
            public final class M {
                private M() {}

                public static int vsn() {
                    return $V;
                }

                public static void loop(Pid owner) {
                    Proc.send(owner, List.of("entered", vsn(), Proc.self()));
                    for (;;) {
                        if (Proc.receive() instanceof List<?> l && "vsn".equals(l.get(0))) {
                            Proc.send((Pid) l.get(1), List.of("vsn", vsn(), Proc.self()));
                        }
                    }
                }
            }
            """;

    /** Line 6 has an error: an int returned from a String function. */
    static final String BROKEN = """
            package t;

            public final class M {
                private M() {}

                public static String vsn() { return 3; }
            }
            """;

    @TempDir
    Path dir;

    Node node;
    CodeServer code;
    Shell shell;
    Path source;

    @BeforeEach
    void start() {
        node = Node.start("shelltest");
        code = CodeServer.of(node);
        shell = new Shell(code, dir.resolve("classes"));
        source = dir.resolve("src/t/M.java");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private Path write(String template, int vsn) throws Exception {
        Files.createDirectories(source.getParent());
        Files.writeString(source, template.replace("$V", String.valueOf(vsn)));
        return source;
    }

    private Path classFile() {
        return dir.resolve("classes/t/M.class");
    }

    private int vsn() throws Exception {
        return (Integer) code.apply(M, "vsn");
    }

    private static ModuleVersion loaded(LoadResult r) {
        if (!(r instanceof LoadResult.Loaded l)) {
            throw new AssertionError("not loaded: " + r);
        }
        return l.version();
    }

    private static Object await(String what, java.util.function.Predicate<Object> p) {
        Object m = Proc.receive(p, 20_000);
        if (m == null) {
            fail("no message came: " + what);
        }
        return m;
    }

    private static List<?> awaitTagged(String tag, Pid from) {
        return (List<?>) await(tag + " from " + from,
                m -> m instanceof List<?> l && tag.equals(l.getFirst()) && from.equals(l.getLast()));
    }

    @Test
    void c_compilesTheSourceAndLoadsIt() throws Exception {
        // given: a source file
        write(SRC, 1);
        // when
        LoadResult r = shell.c(source);
        // then: {module, M}; the class is on the code path and loaded from there
        assertThat(loaded(r).vsn()).isEqualTo("1");
        assertThat(vsn()).isEqualTo(1);
        assertThat(classFile()).isRegularFile();
        assertThat(code.which(M)).contains(classFile().toAbsolutePath().normalize().toString());
        assertThat(shell.sourceOf(M)).contains(source.toAbsolutePath());
        assertThat(code.moduleStatus(M)).isEqualTo(ModuleStatus.LOADED);
    }

    @Test
    void r_recompilesTheSameFileAfterItChanged_andLoadsTheNewVersion() throws Exception {
        // given: version 1 compiled and loaded with c
        write(SRC, 1);
        ModuleVersion v1 = loaded(shell.c(source));
        // when: the file now says version 2, and r recompiles it
        write(SRC, 2);
        LoadResult r = shell.r(M);
        // then: version 2 is current, version 1 old
        assertThat(loaded(r).vsn()).isEqualTo("2");
        assertThat(vsn()).isEqualTo(2);
        assertThat(code.oldCode(M)).containsSame(v1);
        // and again: r purges first, so a third version loads over two
        write(SRC, 3);
        assertThat(loaded(shell.r(M)).vsn()).isEqualTo("3");
        assertThat(code.oldCode(M)).map(ModuleVersion::vsn).contains("2");
    }

    @Test
    void r_purgesFirst_aThirdVersionKillsTheProcessInTheFirst() throws Exception {
        node.runProcess(() -> {
            // given: P runs version 1, Q version 2 (seed 000: HelloWorld)
            write(SRC, 1);
            shell.c(source);
            Pid p = Code.spawn(M, "loop", Proc.self());
            awaitTagged("entered", p);
            Ref pRef = Proc.monitor(p);
            write(SRC, 2);
            shell.r(M);
            Pid q = Code.spawn(M, "loop", Proc.self());
            awaitTagged("entered", q);
            // when: version 3 via r
            write(SRC, 3);
            shell.r(M);
            // then: P is killed; Q still answers from version 2
            Down down = (Down) await("DOWN of " + p, m -> m instanceof Down d && d.ref().equals(pRef));
            assertThat(down.reason()).isEqualTo(Reason.KILLED);
            Proc.send(q, List.of("vsn", Proc.self()));
            assertThat(awaitTagged("vsn", q).get(1)).isEqualTo(2);
            return null;
        });
    }

    @Test
    void l_loadsTheModuleFromTheCodePath() throws Exception {
        // given: version 1 loaded; version 2 compiled only (erlc outside the VM)
        write(SRC, 1);
        shell.c(source);
        write(SRC, 2);
        assertThat(shell.compile(source)).isEqualTo(M);
        assertThat(vsn()).as("compiling loads nothing").isEqualTo(1);
        assertThat(code.moduleStatus(M)).isEqualTo(ModuleStatus.MODIFIED);
        // when
        LoadResult r = shell.l(M);
        // then
        assertThat(loaded(r).vsn()).isEqualTo("2");
        assertThat(vsn()).isEqualTo(2);
        assertThat(code.moduleStatus(M)).isEqualTo(ModuleStatus.LOADED);
    }

    @Test
    void l_ofAModuleNotOnThePath_isNofile() {
        // when / then
        LoadResult r = shell.l("t.Nowhere");
        assertThat(r).isInstanceOf(LoadResult.Refused.class);
        assertThat(((LoadResult.Refused) r).failures()).extracting(ModuleFailure::error)
                .containsExactly(LoadError.NOFILE);
    }

    @Test
    void aCompileError_throwsCompileException_withFileLineColumn_andChangesNoLoadedCode() throws Exception {
        // given: version 1 loaded with c
        write(SRC, 1);
        ModuleVersion v1 = loaded(shell.c(source));
        // when: the source is broken and compiled again
        write(BROKEN, 2);
        // then: CompileException whose messages read file:line:column: message
        assertThatThrownBy(() -> shell.c(source))
                .isInstanceOfSatisfying(CompileException.class, e -> {
                    assertThat(e.diagnostics()).isNotEmpty();
                    assertThat(e.diagnostics()).allSatisfy(d -> assertThat(d).matches("(?s).*M\\.java:\\d+:\\d+: .+"));
                    assertThat(e.diagnostics().getFirst()).contains("M.java:6:");
                    assertThat(e.getMessage()).contains("M.java:6:");
                });
        // and the loaded code is as it was: version 1 current, no old code
        assertThat(code.isLoaded(M)).containsSame(v1);
        assertThat(code.oldCode(M)).isEmpty();
        assertThat(vsn()).isEqualTo(1);
        // like erlc, a failed compile leaves no object file, so the loaded module is now "removed"
        assertThat(classFile()).doesNotExist();
        assertThat(code.moduleStatus(M)).isEqualTo(ModuleStatus.REMOVED);
        // when: the source is fixed, r compiles and loads it
        write(SRC, 3);
        assertThat(loaded(shell.r(M)).vsn()).isEqualTo("3");
    }

    @Test
    void aModuleCompiledByTheShell_canCallAnotherModuleItCompiled() throws Exception {
        // given: B compiled and loaded by the shell
        Path b = dir.resolve("src/t/B.java");
        Files.createDirectories(b.getParent());
        Files.writeString(b, "package t; public final class B { public static int twice(int x) { return 2 * x; } }");
        shell.c(b);
        // when: A, which calls B, is compiled against it and loaded
        Path a = dir.resolve("src/t/A.java");
        Files.writeString(a, "package t; public final class A { public static int f() { return B.twice(21); } }");
        LoadResult r = shell.c(a);
        // then
        assertThat(r.isLoaded()).as("%s", r).isTrue();
        assertThat(code.apply("t.A", "f")).isEqualTo(42);
    }

    @Test
    void misuse_isReportedClearly() throws Exception {
        // r of a module this shell never compiled
        assertThatThrownBy(() -> shell.r("t.Never")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t.Never");
        // c of a file that is not a .java source
        Path notJava = dir.resolve("M.txt");
        Files.writeString(notJava, "package t;");
        assertThatThrownBy(() -> shell.c(notJava)).isInstanceOf(IllegalArgumentException.class);
        // the shell's output directory is first on the code path
        assertThat(code.codePath().entries().getFirst()).isEqualTo(dir.resolve("classes").toAbsolutePath());
    }
}
