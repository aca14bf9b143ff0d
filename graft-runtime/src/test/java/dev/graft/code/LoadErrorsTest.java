package dev.graft.code;

import static dev.graft.code.Lab.spawnServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reference §1.2, §1.5, §1.6, §1.7: the reasons a load is refused — badfile, nofile,
 * duplicated, sticky_directory, on_load_failure — and that a refused load changes nothing.
 */
class LoadErrorsTest extends LabTest {
    static final String M = "t.M";

    static final String FAILING_INIT = """
            package t;

            @dev.graft.code.Vsn("$V")
            public final class M {
                private M() {}

                static {
                    if (true) {
                        throw new IllegalStateException("on_load of version $V fails");
                    }
                }

                public static int vsn() {
                    return $V;
                }
            }
            """;


    private static void assertRefused(LoadResult r, String module, LoadError error) {
        assertThat(r).as("%s", r).isInstanceOf(LoadResult.Refused.class);
        assertThat(((LoadResult.Refused) r).failures()).singleElement().satisfies(f -> {
            assertThat(f.module()).isEqualTo(module);
            assertThat(f.error()).isEqualTo(error);
        });
    }

    private static void assertBadfile(Throwable t, String module) {
        assertThat(t).isInstanceOf(CodeLoadException.class);
        assertThat(((CodeLoadException) t).failures()).singleElement().satisfies(f -> {
            assertThat(f.module()).isEqualTo(module);
            assertThat(f.error()).isEqualTo(LoadError.BADFILE);
        });
    }

    private static byte[] runtimeClassBytes(Class<?> c) throws Exception {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    private static Path runtimeClassFile(Class<?> c) throws Exception {
        Path root = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        return root.resolve(c.getName().replace('.', '/') + ".class");
    }

    // ---- badfile ----

    @Test
    void badfile_bytesThatAreNotAClassFile() throws Exception {
        // given: bytes that are not a class file
        byte[] garbage = "this is not a class file".getBytes(StandardCharsets.UTF_8);
        // when / then: reading them as a module is refused with badfile
        assertThatThrownBy(() -> ModuleBinary.of(M, Map.of(M, garbage), ""))
                .satisfies(t -> assertBadfile(t, M));
        // and the same file on the code path: load and loadAbs refuse it
        Files.createDirectories(lab.classFile(M).getParent());
        Files.write(lab.classFile(M), garbage);
        assertRefused(lab.code.load(M), M, LoadError.BADFILE);
        LoadResult abs = lab.code.loadAbs(lab.classFile(M));
        assertThat(abs).isInstanceOf(LoadResult.Refused.class);
        assertThat(((LoadResult.Refused) abs).failures()).extracting(ModuleFailure::error).containsExactly(LoadError.BADFILE);
        assertThat(lab.code.isLoaded(M)).isEmpty();
        assertThat(lab.code.oldCode(M)).isEmpty();
    }

    @Test
    void badfile_aFileHoldingAnotherClassThanTheModuleName() throws Exception {
        // given: M.class on the code path actually holds class t.Other
        lab.compile("t.Other", Lab.plain("t.Other"), 1);
        byte[] other = Files.readAllBytes(lab.classFile("t.Other"));
        Files.write(lab.classFile(M), other);
        // when / then: loading t.M from it is refused with badfile
        assertRefused(lab.code.load(M), M, LoadError.BADFILE);
        assertThatThrownBy(() -> ModuleBinary.of(M, Map.of(M, other), "")).satisfies(t -> assertBadfile(t, M));
        assertThat(lab.code.isLoaded(M)).isEmpty();
        assertThat(lab.code.isLoaded("t.Other")).isEmpty();
    }

    @Test
    void badfile_loadAbsOfAFileWhoseNameDiffersFromTheClassInside() throws Exception {
        // given: M.class holds class t.Other (Erlang: code:load_abs("d/m") of other's object code)
        lab.compile("t.Other", Lab.plain("t.Other"), 1);
        Path file = dir.resolve("elsewhere/t/M.class");
        Files.createDirectories(file.getParent());
        Files.copy(lab.classFile("t.Other"), file);
        // when
        LoadResult r = lab.code.loadAbs(file);
        // then: {error, badfile} ("module name in object code is other"); nothing loaded
        assertThat(r).as("%s", r).isInstanceOf(LoadResult.Refused.class);
        assertThat(((LoadResult.Refused) r).failures()).extracting(ModuleFailure::error).containsExactly(LoadError.BADFILE);
        assertThat(lab.code.isLoaded("t.Other")).isEmpty();
        assertThat(lab.code.isLoaded(M)).isEmpty();
    }

    @Test
    void badfile_classesThatAreNotTheModuleOrItsNestedClasses() throws Exception {
        // given: the bytes of t.M and of an unrelated t.Other
        lab.compile(M, Lab.plain(M), 1);
        lab.compile("t.Other", Lab.plain("t.Other"), 1);
        Map<String, byte[]> classes = Map.of(M, Files.readAllBytes(lab.classFile(M)),
                "t.Other", Files.readAllBytes(lab.classFile("t.Other")));
        // when / then
        assertThatThrownBy(() -> ModuleBinary.of(M, classes, "")).satisfies(t -> assertBadfile(t, M));
        // and a binary with no class of the module's name
        assertThatThrownBy(() -> ModuleBinary.of("t.Nothing", Map.of(M, classes.get(M)), ""))
                .satisfies(t -> assertBadfile(t, "t.Nothing"));
    }

    // ---- nofile ----

    @Test
    void nofile_aModuleNotOnTheCodePath() {
        // given: no t.Nowhere anywhere on the code path
        // when / then
        assertRefused(lab.code.load("t.Nowhere"), "t.Nowhere", LoadError.NOFILE);
        assertRefused(lab.code.ensureLoaded("t.Nowhere"), "t.Nowhere", LoadError.NOFILE);
        assertThat(lab.code.isLoaded("t.Nowhere")).isEmpty();
        assertThat(lab.code.which("t.Nowhere")).isEmpty();
    }

    @Test
    void nofile_loadAbsOfAMissingFile() {
        // when / then
        Path missing = dir.resolve("nowhere/t/M.class");
        LoadResult r = lab.code.loadAbs(missing);
        assertThat(r).isInstanceOf(LoadResult.Refused.class);
        assertThat(((LoadResult.Refused) r).failures()).extracting(ModuleFailure::error).containsExactly(LoadError.NOFILE);
    }

    @Test
    void nofile_afterTheClassFileIsRemovedFromThePath() throws Exception {
        // given: a module compiled, then its class file removed
        lab.compile(M, Lab.plain(M), 1);
        Files.delete(lab.classFile(M));
        // when / then
        assertRefused(lab.code.load(M), M, LoadError.NOFILE);
    }

    // ---- duplicated ----

    @Test
    void duplicated_anAtomicLoadListingAModuleTwice() throws Exception {
        // given: M and N on the code path
        lab.compile(M, Lab.plain(M), 1);
        lab.compile("t.N", Lab.plain("t.N"), 1);
        // when: both are listed twice, with a missing module too
        LoadResult r = lab.code.atomicLoad(List.of(M, "t.N", M, "t.N", "t.Nowhere"));
        // then: every duplicated name is reported, and only those (checked first); nothing loaded
        assertThat(r).isInstanceOf(LoadResult.Refused.class);
        assertThat(((LoadResult.Refused) r).failures()).extracting(ModuleFailure::module, ModuleFailure::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(M, LoadError.DUPLICATED),
                        org.assertj.core.groups.Tuple.tuple("t.N", LoadError.DUPLICATED));
        assertThat(lab.code.isLoaded(M)).isEmpty();
        assertThat(lab.code.isLoaded("t.N")).isEmpty();
        // and the same with binaries
        ModuleBinary b = ModuleBinary.of(M, lab.classFiles(M), "");
        assertRefused(lab.code.atomicLoadBinaries(List.of(b, b)), M, LoadError.DUPLICATED);
        assertThatThrownBy(() -> lab.code.prepareLoading(List.of(M, M))).isInstanceOf(CodeLoadException.class);
        assertThat(lab.code.isLoaded(M)).isEmpty();
    }

    // ---- sticky ----

    @Test
    void sticky_graftsRuntimeClassesCannotBeLoadedAsModules() throws Exception {
        // given: the class file and bytes of dev.graft.process.Proc
        String proc = Proc.class.getName();
        ModuleBinary procBinary = ModuleBinary.of(proc, Map.of(proc, runtimeClassBytes(Proc.class)), "");
        // then: it is sticky
        assertThat(lab.code.isSticky(proc)).isTrue();
        assertThat(lab.code.isSticky(CodeServer.class.getName())).isTrue();
        // when / then: every way of loading it is refused with sticky_directory
        assertRefused(lab.code.loadBinary(procBinary), proc, LoadError.STICKY_DIRECTORY);
        assertRefused(lab.code.atomicLoadBinaries(List.of(procBinary)), proc, LoadError.STICKY_DIRECTORY);
        assertRefused(lab.code.loadAbs(runtimeClassFile(Proc.class)), proc, LoadError.STICKY_DIRECTORY);
        // also when a copy of it is on the code path
        Path copy = lab.classes.resolve("dev/graft/process/Proc.class");
        Files.createDirectories(copy.getParent());
        Files.write(copy, runtimeClassBytes(Proc.class));
        assertRefused(lab.code.load(proc), proc, LoadError.STICKY_DIRECTORY);
        assertThat(lab.code.isLoaded(proc)).isEmpty();
    }

    @Test
    void sticky_stickingALoadedModule_refusesTheNextLoad_untilUnstuck() throws Exception {
        // given: version 1 loaded and stuck
        ModuleVersion v1 = lab.loaded(M, Lab.plain(M), 1);
        lab.code.stick(M);
        assertThat(lab.code.isSticky(M)).isTrue();
        // when: version 2 is loaded, from the path or as a binary
        LoadResult fromPath = lab.load(M, Lab.plain(M), 2);
        LoadResult asBinary = lab.code.loadBinary(ModuleBinary.of(M, lab.classFiles(M), ""));
        // then: both refused with sticky_directory; version 1 is still current, no old
        assertRefused(fromPath, M, LoadError.STICKY_DIRECTORY);
        assertRefused(asBinary, M, LoadError.STICKY_DIRECTORY);
        assertThat(lab.code.isLoaded(M)).containsSame(v1);
        assertThat(lab.code.oldCode(M)).isEmpty();
        assertThat(lab.vsnOf(M)).isEqualTo(1);
        // and once unstuck, it loads
        lab.code.unstick(M);
        assertThat(lab.code.isSticky(M)).isFalse();
        assertThat(lab.code.load(M).isLoaded()).isTrue();
        assertThat(lab.vsnOf(M)).isEqualTo(2);
    }

    @Test
    void sticky_aStuckModuleThatIsNotLoaded_canBeLoadedOnce() {
        // given: M stuck before it was ever loaded (is_sticky is true only for a loaded module)
        lab.code.stick(M);
        assertThat(lab.code.isSticky(M)).isFalse();
        // when / then: the first load succeeds, the second is refused
        assertThat(lab.load(M, Lab.plain(M), 1).isLoaded()).isTrue();
        assertThat(lab.code.isSticky(M)).isTrue();
        assertRefused(lab.load(M, Lab.plain(M), 2), M, LoadError.STICKY_DIRECTORY);
    }

    @Test
    void sticky_loadBinaryOfAStuckModule_isRefused_withoutPurging() throws Exception {
        String s = "t.S";
        lab.inProcess(() -> {
            // given: a process in version 1 (old), version 2 current, and the module stuck
            ModuleVersion v1 = lab.loaded(s, Lab.server(s), 1);
            Pid p = spawnServer(s, 1);
            ModuleVersion v2 = lab.loaded(s, Lab.server(s), 2);
            lab.code.stick(s);
            // when
            LoadResult r = lab.code.loadBinary(lab.binary(s, Lab.server(s), 3));
            // then: refused; Graft does not purge a module it will not load (Erlang's load_binary
            // purges first, then refuses), so the process in version 1 lives and nothing changed
            assertRefused(r, s, LoadError.STICKY_DIRECTORY);
            assertThat(Lab.ask(p, "vsn")).isEqualTo(1);
            assertThat(lab.code.isLoaded(s)).containsSame(v2);
            assertThat(lab.code.oldCode(s)).containsSame(v1);
        });
    }

    // ---- on_load_failure ----

    @Test
    void onLoadFailure_aStaticInitialiserThatThrows_isRefused_andNothingIsLoaded() {
        // when: the only version's static initialiser throws
        LoadResult r = lab.load(M, FAILING_INIT, 1);
        // then: on_load_failure, with the cause; nothing loaded
        assertRefused(r, M, LoadError.ON_LOAD_FAILURE);
        assertThat(((LoadResult.Refused) r).failures().getFirst().detail()).contains("on_load of version 1 fails");
        assertThat(lab.code.isLoaded(M)).isEmpty();
        assertThat(lab.code.oldCode(M)).isEmpty();
    }

    @Test
    void onLoadFailure_thePreviousVersionStaysCurrent() throws Exception {
        // given: version 1 current
        ModuleVersion v1 = lab.loaded(M, Lab.plain(M), 1);
        // when: version 2, whose static initialiser throws, is loaded
        LoadResult r = lab.load(M, FAILING_INIT, 2);
        // then: refused; version 1 is still current (code_SUITE:on_load_update) and not made old
        assertRefused(r, M, LoadError.ON_LOAD_FAILURE);
        assertThat(lab.code.isLoaded(M)).containsSame(v1);
        assertThat(lab.code.oldCode(M)).isEmpty();
        assertThat(lab.vsnOf(M)).isEqualTo(1);
        // and a good version 3 loads over it normally
        assertThat(lab.load(M, Lab.plain(M), 3).isLoaded()).isTrue();
        assertThat(lab.vsnOf(M)).isEqualTo(3);
        assertThat(lab.code.oldCode(M)).containsSame(v1);
    }

    @Test
    void onLoadFailure_whenOnlyOldCodeExists_theOldCodeIsStillRemembered() throws Exception {
        lab.inProcess(() -> {
            // given: a process in version 1 of S, and S deleted (old only)
            String s = "t.S";
            ModuleVersion v1 = lab.loaded(s, Lab.server(s), 1);
            Pid p = spawnServer(s, 1);
            assertThat(lab.code.delete(s)).isTrue();
            // when: a version whose static initialiser throws is loaded
            String failing = FAILING_INIT.replace("class M", "class S").replace("private M()", "private S()");
            LoadResult r = lab.load(s, failing, 2);
            // then: refused; the old code is still there and still blocks a soft purge (on_load_deleted)
            assertRefused(r, s, LoadError.ON_LOAD_FAILURE);
            assertThat(lab.code.isLoaded(s)).isEmpty();
            assertThat(lab.code.oldCode(s)).containsSame(v1);
            assertThat(lab.code.softPurge(s)).isFalse();
            assertThat(Lab.ask(p, "vsn")).isEqualTo(1);
        });
    }

    @Test
    void onLoadFailure_throughLoadBinary_keepsTheCurrentVersion() throws Exception {
        // given: version 1 current
        ModuleVersion v1 = lab.loaded(M, Lab.plain(M), 1);
        // when
        LoadResult r = lab.code.loadBinary(lab.binary(M, FAILING_INIT, 2));
        // then
        assertRefused(r, M, LoadError.ON_LOAD_FAILURE);
        assertThat(lab.code.isLoaded(M)).containsSame(v1);
        assertThat(lab.vsnOf(M)).isEqualTo(1);
    }

    @Test
    void aRefusedLoad_throwsFromOrThrow_withEveryFailure() {
        // given / when
        LoadResult r = lab.code.load("t.Nowhere");
        // then
        assertThatThrownBy(r::orThrow).isInstanceOf(CodeLoadException.class)
                .hasMessageContaining("t.Nowhere: nofile");
        assertThat(LoadError.NOT_PURGED.atom()).isEqualTo("not_purged");
        assertThat(LoadError.STICKY_DIRECTORY.atom()).isEqualTo("sticky_directory");
    }
}
