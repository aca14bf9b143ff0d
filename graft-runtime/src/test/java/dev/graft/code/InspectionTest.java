package dev.graft.code;

import static dev.graft.code.Lab.spawnServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Reference §1.1, §1.8, §1.9 and issue 3 item 1: which, isLoaded, allLoaded, moduleStatus,
 * modifiedModules; a module's version ({@code @Vsn} or its MD5) and the {@code module@vsn}
 * class loader name that stack frames show.
 */
class InspectionTest extends LabTest {
    static final String M = "t.M";
    static final String S = "t.S";

    /** A module without @Vsn: its version is the MD5 of its bytecode. */
    static final String UNVERSIONED = """
            package t;

            public final class M {
                private M() {}

                public static int vsn() {
                    return $V;
                }
            }
            """;


    private String onPath(String module) {
        return lab.classFile(module).toAbsolutePath().normalize().toString();
    }

    // ---- which / isLoaded / allLoaded ----

    @Test
    void which_isTheLoadedOrigin_elseTheFileOnThePath_elseEmpty() throws Exception {
        // given: nothing anywhere
        assertThat(lab.code.which(M)).as("non_existing").isEmpty();
        // when: compiled onto the path, not loaded
        lab.compile(M, Lab.plain(M), 1);
        // then: the file on the path
        assertThat(lab.code.which(M)).contains(onPath(M));
        // when: loaded from the path
        lab.code.load(M).orThrow();
        // then: where it was loaded from
        assertThat(lab.code.which(M)).contains(onPath(M));
        assertThat(lab.code.isLoaded(M)).map(ModuleVersion::origin).contains(onPath(M));
        // when: deleted, it is no longer loaded, and which looks on the path again
        lab.code.delete(M);
        assertThat(lab.code.which(M)).contains(onPath(M));
    }

    @Test
    void which_ofAModuleLoadedFromBytes_isTheOriginGiven() throws Exception {
        // given: the module's bytes, with origin "" (made in memory) and with a path
        lab.compile(M, Lab.plain(M), 1);
        Map<String, byte[]> classes = lab.classFiles(M);
        Files.delete(lab.classFile(M));
        // when / then: loaded with origin "", which is "" (Erlang: load_binary(M, "", Bin) -> which "")
        lab.code.loadBinary(ModuleBinary.of(M, classes, "")).orThrow();
        assertThat(lab.code.which(M)).contains("");
        // when / then: loaded with a file name, which is that name
        lab.code.loadBinary(ModuleBinary.of(M, classes, "/somewhere/t/M.class")).orThrow();
        assertThat(lab.code.which(M)).contains("/somewhere/t/M.class");
    }

    @Test
    void which_andLoad_fromAJarOnThePath() throws Exception {
        // given: the module in a jar on the code path, and nowhere else
        lab.compile(M, Lab.plain(M), 7);
        Path jar = dir.resolve("lib/m.jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("t/M.class"));
            j.write(Files.readAllBytes(lab.classFile(M)));
            j.closeEntry();
        }
        Files.delete(lab.classFile(M));
        lab.code.codePath().add(jar);
        // when
        LoadResult r = lab.code.load(M);
        // then
        assertThat(r.isLoaded()).as("%s", r).isTrue();
        assertThat(lab.vsnOf(M)).isEqualTo(7);
        assertThat(lab.code.which(M)).hasValueSatisfying(w -> assertThat(w).startsWith(jar.toString()).endsWith("t/M.class"));
        assertThat(lab.code.moduleStatus(M)).isEqualTo(ModuleStatus.LOADED);
    }

    @Test
    void isLoaded_andAllLoaded_showCurrentVersionsOnly() {
        // given: A, B and C loaded; C then deleted
        ModuleVersion a = lab.loaded("t.A", Lab.plain("t.A"), 1);
        lab.loaded("t.C", Lab.plain("t.C"), 1);
        ModuleVersion b = lab.loaded("t.B", Lab.plain("t.B"), 1);
        lab.code.delete("t.C");
        // then: all_loaded lists A and B, by name; C has no current version
        assertThat(lab.code.allLoaded()).containsExactly(a, b);
        assertThat(lab.code.isLoaded("t.A")).containsSame(a);
        assertThat(lab.code.isLoaded("t.C")).isEmpty();
        assertThat(lab.code.isLoaded("t.Nowhere")).isEmpty();
        // and a second version replaces the first in the list
        ModuleVersion a2 = lab.loaded("t.A", Lab.plain("t.A"), 2);
        assertThat(lab.code.allLoaded()).containsExactly(a2, b);
    }

    @Test
    void ensureLoaded_loadsOnlyWhenThereIsNoCurrentVersion() {
        // given: version 1 on the path
        lab.compile(M, Lab.plain(M), 1);
        // when: ensured twice, with version 2 compiled in between
        ModuleVersion first = lab.code.ensureLoaded(M).orThrow().getFirst();
        lab.compile(M, Lab.plain(M), 2);
        ModuleVersion second = lab.code.ensureLoaded(M).orThrow().getFirst();
        // then: the second call loads nothing and answers the current version
        assertThat(second).isSameAs(first);
        assertThat(first.vsn()).isEqualTo("1");
        assertThat(lab.code.oldCode(M)).isEmpty();
    }

    @Test
    void theCodeServersOfTwoNodes_areIndependent() throws Exception {
        // given: version 1 loaded on this node
        lab.loaded(M, Lab.plain(M), 1);
        try (Node other = Node.start("other")) {
            // when: another node in the same JVM loads version 2 of the same module from the same path
            CodeServer code2 = CodeServer.of(other);
            assertThat(code2).isNotSameAs(lab.code);
            lab.compile(M, Lab.plain(M), 2);
            code2.codePath().add(lab.classes);
            code2.load(M).orThrow();
            // then: each node sees its own version; this one has no old code
            assertThat(code2.apply(M, "vsn")).isEqualTo(2);
            assertThat(lab.vsnOf(M)).isEqualTo(1);
            assertThat(lab.code.oldCode(M)).isEmpty();
            assertThat(code2.isLoaded(M).orElseThrow().moduleClass())
                    .isNotSameAs(lab.code.isLoaded(M).orElseThrow().moduleClass());
        }
    }

    // ---- module_status / modified_modules ----

    @Test
    void moduleStatus_notLoaded_loaded_modified_removed() throws Exception {
        // given / then: never loaded
        assertThat(lab.code.moduleStatus(M)).isEqualTo(ModuleStatus.NOT_LOADED);
        lab.compile(M, Lab.plain(M), 1);
        assertThat(lab.code.moduleStatus(M)).as("on the path, not loaded").isEqualTo(ModuleStatus.NOT_LOADED);
        // when: loaded
        lab.code.load(M).orThrow();
        // then
        assertThat(lab.code.moduleStatus(M)).isEqualTo(ModuleStatus.LOADED);
        // when: recompiled with a change, not loaded
        lab.compile(M, Lab.plain(M), 2);
        // then
        assertThat(lab.code.moduleStatus(M)).isEqualTo(ModuleStatus.MODIFIED);
        // when: that version is loaded
        lab.code.load(M).orThrow();
        // then
        assertThat(lab.code.moduleStatus(M)).isEqualTo(ModuleStatus.LOADED);
        // when: its class file is deleted from the path
        Files.delete(lab.classFile(M));
        // then
        assertThat(lab.code.moduleStatus(M)).isEqualTo(ModuleStatus.REMOVED);
        // when: the module is deleted from the code server
        lab.code.purge(M);
        lab.code.delete(M);
        // then
        assertThat(lab.code.moduleStatus(M)).isEqualTo(ModuleStatus.NOT_LOADED);
    }

    @Test
    void moduleStatus_onlyTheBytecodeMatters_notTheFilesTime() throws Exception {
        // given: loaded from the path
        lab.loaded(M, Lab.plain(M), 1);
        // when: the same source is compiled again (a new file, same bytes)
        byte[] before = Files.readAllBytes(lab.classFile(M));
        lab.compile(M, Lab.plain(M), 1);
        // then
        assertThat(Files.readAllBytes(lab.classFile(M))).isEqualTo(before);
        assertThat(lab.code.moduleStatus(M)).isEqualTo(ModuleStatus.LOADED);
    }

    @Test
    void moduleStatus_ofCodeMadeInMemory_isLoaded() throws Exception {
        // given: a module loaded from bytes with origin "", and a different version on the path
        lab.code.loadBinary(lab.binary(M, Lab.plain(M), 1)).orThrow();
        lab.compile(M, Lab.plain(M), 2);
        // then: loaded (generated code is only loaded or not_loaded)
        assertThat(lab.code.moduleStatus(M)).isEqualTo(ModuleStatus.LOADED);
        assertThat(lab.code.modifiedModules()).isEmpty();
    }

    @Test
    void modifiedModules_listsTheLoadedModulesWhoseFileChanged() throws Exception {
        // given: A, B, C loaded; A recompiled with a change; C's file removed
        lab.loaded("t.A", Lab.plain("t.A"), 1);
        lab.loaded("t.B", Lab.plain("t.B"), 1);
        lab.loaded("t.C", Lab.plain("t.C"), 1);
        lab.compile("t.A", Lab.plain("t.A"), 2);
        Files.delete(lab.classFile("t.C"));
        // when / then
        assertThat(lab.code.modifiedModules()).containsExactly("t.A");
        assertThat(lab.code.moduleStatus("t.B")).isEqualTo(ModuleStatus.LOADED);
        assertThat(lab.code.moduleStatus("t.C")).isEqualTo(ModuleStatus.REMOVED);
    }

    // ---- versions and loader names ----

    @Test
    void vsn_isTheVsnAnnotation() {
        // when
        ModuleVersion v = lab.loaded(M, Lab.plain(M).replace("@dev.graft.code.Vsn(\"$V\")", "@dev.graft.code.Vsn(\"1.0-beta\")"), 1);
        // then
        assertThat(v.vsn()).isEqualTo("1.0-beta");
        assertThat(v.md5()).matches("[0-9a-f]{32}");
        assertThat(v.loaderName()).isEqualTo("t.M@1.0-beta");
    }

    @Test
    void vsn_withoutTheAnnotation_isTheMd5OfTheBytecode() {
        // when: two versions without @Vsn
        ModuleBinary b1 = lab.binary(M, UNVERSIONED, 1);
        ModuleBinary b2 = lab.binary(M, UNVERSIONED, 2);
        ModuleBinary b1again = lab.binary(M, UNVERSIONED, 1);
        // then: the version is the MD5, which differs with the bytecode and is stable for the same bytes
        assertThat(b1.vsn()).isEqualTo(b1.md5()).matches("[0-9a-f]{32}");
        assertThat(b2.vsn()).isEqualTo(b2.md5()).isNotEqualTo(b1.vsn());
        assertThat(b1again.vsn()).isEqualTo(b1.vsn());
        // and the loaded version and its loader carry it
        ModuleVersion v = lab.code.loadBinary(b1).orThrow().getFirst();
        assertThat(v.vsn()).isEqualTo(b1.md5());
        assertThat(v.loaderName()).isEqualTo("t.M@" + b1.md5());
    }

    @Test
    void theClassLoader_isNamedModuleAtVsn_andAppearsInTheStackOfAProcessRunningIt() throws Exception {
        lab.inProcess(() -> {
            // given: a process running version 1
            ModuleVersion v1 = lab.loaded(S, Lab.server(S), 1);
            Pid p = spawnServer(S, 1);
            // then: the loader is named module@vsn
            assertThat(v1.loaderName()).isEqualTo("t.S@1");
            assertThat(v1.moduleClass().getClassLoader().getName()).isEqualTo("t.S@1");
            // and the process's stack shows frames of that loader: "t.S@1//t.S.loop(S.java:..)"
            StackTraceElement[] stack = lab.node.stackTrace(p);
            assertThat(stack).anySatisfy(f -> {
                assertThat(f.getClassLoaderName()).isEqualTo("t.S@1");
                assertThat(f.getClassName()).isEqualTo(S);
                assertThat(f.getMethodName()).isEqualTo("loop");
                assertThat(f.toString()).startsWith("t.S@1//t.S.loop(");
            });
            // when: version 2 is loaded and a process runs it
            ModuleVersion v2 = lab.loaded(S, Lab.server(S), 2);
            Pid q = spawnServer(S, 2);
            // then: its frames carry version 2's loader name, the first process's still version 1's
            assertThat(v2.loaderName()).startsWith("t.S@2");
            assertThat(Arrays.stream(lab.node.stackTrace(q)).map(StackTraceElement::getClassLoaderName))
                    .contains(v2.loaderName()).doesNotContain(v1.loaderName());
            assertThat(Arrays.stream(lab.node.stackTrace(p)).map(StackTraceElement::getClassLoaderName))
                    .contains(v1.loaderName()).doesNotContain(v2.loaderName());
        });
    }

    @Test
    void processInfo_saysWhichModuleVersionAProcessRuns() throws Exception {
        lab.inProcess(() -> {
            // given: one process in version 1, then one in version 2
            lab.loaded(S, Lab.server(S), 1);
            Pid p = spawnServer(S, 1);
            ModuleVersion v2 = lab.loaded(S, Lab.server(S), 2);
            Pid q = spawnServer(S, 2);
            // then: process info names the version each runs, as the code server does
            assertThat(Proc.info(p).orElseThrow().currentModule()).contains("t.S@1");
            assertThat(Proc.info(q).orElseThrow().currentModule()).contains(v2.loaderName());
            assertThat(lab.code.currentModule(q)).contains(v2);
            // and a process outside any module runs none
            assertThat(Proc.info(Proc.self()).orElseThrow().currentModule()).isEmpty();
        });
    }

    @Test
    void theClassLoader_ofASecondVersion_isNamedModuleAtVsn() {
        // given: version 1 loaded
        ModuleVersion v1 = lab.loaded(S, Lab.plain(S), 1);
        // when: version 2 is loaded
        ModuleVersion v2 = lab.loaded(S, Lab.plain(S), 2);
        // then: module@vsn, as ModuleLoader's javadoc says (HelloWorld@2//demo.HelloWorld.hello(...));
        // a suffix is needed only when the same vsn is loaded again
        assertThat(v1.loaderName()).isEqualTo("t.S@1");
        assertThat(v2.loaderName()).isEqualTo("t.S@2");
    }
}
