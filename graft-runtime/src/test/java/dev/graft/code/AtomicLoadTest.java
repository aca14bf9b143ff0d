package dev.graft.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.graft.process.Node;
import dev.graft.process.Proc;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reference §1.7: atomicLoad, prepareLoading and finishLoading load a set of modules all at once
 * or none, listing every module that failed and why.
 */
class AtomicLoadTest extends LabTest {
    static final String A = "t.A";
    static final String B = "t.B";
    static final String C = "t.C";

    /** A module that names B's class: refused by the boundary rule. */
    static final String VIOLATOR = """
            package t;

            public final class D {
                private D() {}

                public static Class<?> k() {
                    return B.class;
                }
            }
            """;


    private void compilePlain(int vsn, String... modules) {
        for (String m : modules) {
            lab.compile(m, Lab.plain(m), vsn);
        }
    }

    private void writeGarbage(String module) throws Exception {
        Files.createDirectories(lab.classFile(module).getParent());
        Files.write(lab.classFile(module), "not a class".getBytes(StandardCharsets.UTF_8));
    }

    private static List<ModuleFailure> failures(LoadResult r) {
        assertThat(r).as("%s", r).isInstanceOf(LoadResult.Refused.class);
        return ((LoadResult.Refused) r).failures();
    }

    @Test
    void allOrNothing_oneBadModuleAmongThree_loadsNone() throws Exception {
        // given: A and B compiled, C a broken class file
        compilePlain(1, A, B);
        writeGarbage(C);
        // when
        LoadResult r = lab.code.atomicLoad(List.of(A, B, C));
        // then: refused with C's failure; neither A nor B is loaded
        assertThat(failures(r)).extracting(ModuleFailure::module, ModuleFailure::error)
                .containsExactly(tuple(C, LoadError.BADFILE));
        assertThat(lab.code.isLoaded(A)).isEmpty();
        assertThat(lab.code.isLoaded(B)).isEmpty();
        assertThat(lab.code.allLoaded()).isEmpty();
    }

    @Test
    void allOrNothing_loadedModulesStayAsTheyWere() throws Exception {
        // given: A and B version 1 loaded; version 2 of both compiled; C broken
        compilePlain(1, A, B);
        List<ModuleVersion> v1 = lab.code.atomicLoad(List.of(A, B)).orThrow();
        compilePlain(2, A, B);
        writeGarbage(C);
        // when
        LoadResult r = lab.code.atomicLoad(List.of(A, B, C));
        // then: refused; A and B are still version 1, with no old code
        assertThat(failures(r)).extracting(ModuleFailure::module).containsExactly(C);
        assertThat(lab.code.isLoaded(A)).containsSame(v1.get(0));
        assertThat(lab.code.isLoaded(B)).containsSame(v1.get(1));
        assertThat(lab.code.oldCode(A)).isEmpty();
        assertThat(lab.code.oldCode(B)).isEmpty();
    }

    @Test
    void everyFailure_isListed_missingAndMalformed() throws Exception {
        // given: A good, t.Nowhere missing, C broken (Erlang: {error, [{m2, badfile}, {nosuch, nofile}]})
        compilePlain(1, A);
        writeGarbage(C);
        // when
        LoadResult r = lab.code.atomicLoad(List.of(A, "t.Nowhere", C));
        // then: both failures listed; A not loaded
        assertThat(failures(r)).extracting(ModuleFailure::module, ModuleFailure::error)
                .containsExactlyInAnyOrder(tuple("t.Nowhere", LoadError.NOFILE), tuple(C, LoadError.BADFILE));
        assertThat(lab.code.isLoaded(A)).isEmpty();
    }

    @Test
    void everyFailure_isListed_boundaryViolationsOfSeveralModules() throws Exception {
        // given: A good; D and E both name B's class
        compilePlain(1, A, B);
        lab.compile("t.D", VIOLATOR, 1);
        lab.compile("t.E", VIOLATOR.replace("class D", "class E").replace("private D()", "private E()"), 1);
        // when
        LoadResult r = lab.code.atomicLoad(List.of(A, "t.D", "t.E"));
        // then: both listed
        assertThat(failures(r)).extracting(ModuleFailure::module, ModuleFailure::error)
                .containsExactlyInAnyOrder(tuple("t.D", LoadError.BOUNDARY_VIOLATION),
                        tuple("t.E", LoadError.BOUNDARY_VIOLATION));
        assertThat(lab.code.isLoaded(A)).isEmpty();
    }

    @Test
    void everyFailure_isListed_aBoundaryViolationBesideAMissingModule() throws Exception {
        // given: A good, t.Nowhere missing, D names B's class
        compilePlain(1, A, B);
        lab.compile("t.D", VIOLATOR, 1);
        // when
        LoadResult r = lab.code.atomicLoad(List.of(A, "t.Nowhere", "t.D"));
        // then: the prepare phase lists every module that cannot be loaded (prepareLoading's javadoc:
        // "every module that is duplicated, missing, malformed or breaks the boundary")
        assertThat(failures(r)).extracting(ModuleFailure::module, ModuleFailure::error)
                .containsExactlyInAnyOrder(tuple("t.Nowhere", LoadError.NOFILE), tuple("t.D", LoadError.BOUNDARY_VIOLATION));
    }

    @Test
    void finishPhaseFailures_stickyAndOnLoad_areListedAndNothingIsLoaded() throws Exception {
        // given: A good; dev.graft.process.Proc (sticky) as a binary
        ModuleBinary a = lab.binary(A, Lab.plain(A), 1);
        byte[] procBytes;
        try (InputStream in = Proc.class.getResourceAsStream("Proc.class")) {
            procBytes = in.readAllBytes();
        }
        ModuleBinary proc = ModuleBinary.of(Proc.class.getName(), Map.of(Proc.class.getName(), procBytes), "");
        // when / then: sticky_directory; A not loaded
        assertThat(failures(lab.code.atomicLoadBinaries(List.of(a, proc))))
                .extracting(ModuleFailure::module, ModuleFailure::error)
                .containsExactly(tuple(Proc.class.getName(), LoadError.STICKY_DIRECTORY));
        assertThat(lab.code.isLoaded(A)).isEmpty();
        // and with a module whose static initialiser throws: on_load_failure; A not loaded
        ModuleBinary failing = lab.binary("t.M", LoadErrorsTest.FAILING_INIT, 1);
        assertThat(failures(lab.code.atomicLoadBinaries(List.of(a, failing))))
                .extracting(ModuleFailure::module, ModuleFailure::error)
                .containsExactly(tuple("t.M", LoadError.ON_LOAD_FAILURE));
        assertThat(lab.code.isLoaded(A)).isEmpty();
        assertThat(lab.code.isLoaded("t.M")).isEmpty();
    }

    @Test
    void prepareLoading_thenFinishLoading_loadsTheBatch() throws Exception {
        // given: A and B compiled
        compilePlain(1, A, B);
        // when: prepared
        Prepared prepared = lab.code.prepareLoading(List.of(A, B));
        // then: nothing is loaded yet
        assertThat(prepared.versions()).extracting(ModuleVersion::name).containsExactly(A, B);
        assertThat(lab.code.isLoaded(A)).isEmpty();
        assertThat(lab.code.isLoaded(B)).isEmpty();
        // when: finished
        LoadResult r = lab.code.finishLoading(prepared);
        // then: both current, the very versions prepared
        assertThat(r.isLoaded()).isTrue();
        assertThat(lab.code.isLoaded(A)).containsSame(prepared.versions().get(0));
        assertThat(lab.code.isLoaded(B)).containsSame(prepared.versions().get(1));
        assertThat(lab.vsnOf(A)).isEqualTo(1);
        assertThat(lab.vsnOf(B)).isEqualTo(1);
    }

    @Test
    void prepareLoading_refusesWithEveryFailure_asAnException() throws Exception {
        // given
        compilePlain(1, A);
        writeGarbage(C);
        // when / then
        assertThatThrownBy(() -> lab.code.prepareLoading(List.of(A, "t.Nowhere", C)))
                .isInstanceOfSatisfying(CodeLoadException.class, e -> assertThat(e.failures())
                        .extracting(ModuleFailure::module).containsExactlyInAnyOrder("t.Nowhere", C));
        assertThat(lab.code.isLoaded(A)).isEmpty();
    }

    @Test
    void aFinishRefusedNotPurged_canBeFinishedAgainAfterPurge() throws Exception {
        // given: A has version 1 old and version 2 current; B not loaded
        compilePlain(1, A);
        lab.code.load(A).orThrow();
        compilePlain(2, A);
        lab.code.load(A).orThrow();
        compilePlain(3, A, B);
        Prepared prepared = lab.code.prepareLoading(List.of(A, B));
        // when: finished
        LoadResult first = lab.code.finishLoading(prepared);
        // then: not_purged for A; nothing switched, B not loaded either
        assertThat(failures(first)).extracting(ModuleFailure::module, ModuleFailure::error)
                .containsExactly(tuple(A, LoadError.NOT_PURGED));
        assertThat(lab.vsnOf(A)).isEqualTo(2);
        assertThat(lab.code.isLoaded(B)).isEmpty();
        // when: A's old code is purged and the same Prepared is finished again (E8)
        assertThat(lab.code.purge(A)).isFalse();
        LoadResult second = lab.code.finishLoading(prepared);
        // then: ok
        assertThat(second.isLoaded()).isTrue();
        assertThat(lab.vsnOf(A)).isEqualTo(3);
        assertThat(lab.vsnOf(B)).isEqualTo(3);
        assertThat(lab.code.oldCode(A)).map(ModuleVersion::vsn).contains("2");
    }

    @Test
    void theBatchSwitchesTogether() throws Exception {
        // given: A and B version 1 current, version 2 of both prepared
        compilePlain(1, A, B);
        List<ModuleVersion> v1 = lab.code.atomicLoad(List.of(A, B)).orThrow();
        compilePlain(2, A, B);
        Prepared prepared = lab.code.prepareLoading(List.of(A, B));
        // then: preparing switched nothing
        assertThat(lab.vsnOf(A)).isEqualTo(1);
        assertThat(lab.vsnOf(B)).isEqualTo(1);
        assertThat(lab.code.oldCode(A)).isEmpty();
        // when
        lab.code.finishLoading(prepared).orThrow();
        // then: both are version 2, both version 1s are old
        assertThat(lab.vsnOf(A)).isEqualTo(2);
        assertThat(lab.vsnOf(B)).isEqualTo(2);
        assertThat(lab.code.oldCode(A)).containsSame(v1.get(0));
        assertThat(lab.code.oldCode(B)).containsSame(v1.get(1));
    }

    @Test
    void aThirdAtomicLoadWithoutPurge_isNotPurgedForEveryModule() throws Exception {
        // given: A and B loaded twice (multi_load_SUITE:basic_atomic_load)
        compilePlain(1, A, B);
        lab.code.atomicLoad(List.of(A, B)).orThrow();
        compilePlain(2, A, B);
        lab.code.atomicLoad(List.of(A, B)).orThrow();
        compilePlain(3, A, B);
        // when
        LoadResult r = lab.code.atomicLoad(List.of(A, B));
        // then: [{A, not_purged}, {B, not_purged}]; still version 2
        assertThat(failures(r)).extracting(ModuleFailure::module, ModuleFailure::error)
                .containsExactlyInAnyOrder(tuple(A, LoadError.NOT_PURGED), tuple(B, LoadError.NOT_PURGED));
        assertThat(lab.vsnOf(A)).isEqualTo(2);
        assertThat(lab.vsnOf(B)).isEqualTo(2);
    }

    @Test
    void aPreparedBatch_belongsToTheCodeServerThatPreparedIt() throws Exception {
        // given: a batch prepared by this node's code server
        compilePlain(1, A);
        Prepared prepared = lab.code.prepareLoading(List.of(A));
        // when / then: another node's code server refuses it (Erlang: function_clause for a foreign term)
        try (Node other = Node.start("other")) {
            assertThatThrownBy(() -> CodeServer.of(other).finishLoading(prepared))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(CodeServer.of(other).isLoaded(A)).isEmpty();
        }
        assertThat(lab.code.isLoaded(A)).isEmpty();
    }
}
