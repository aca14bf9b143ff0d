package dev.graft.code;

import static dev.graft.code.Lab.awaitDown;
import static dev.graft.code.Lab.spawnServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.process.Down;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import dev.graft.process.UndefinedFunctionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Reference §1.1: the states of one module name (none, current, current+old, old only) and what
 * load, delete, purge and softPurge do in each, with Erlang's results.
 */
class VersionTableTest extends LabTest {
    static final String M = "t.M";


    private ModuleVersion loadPlain(int vsn) {
        return lab.loaded(M, Lab.plain(M), vsn);
    }

    @Nested
    class None {
        @Test
        void load_makesTheModuleCurrent() throws Exception {
            // given: nothing of t.M is loaded
            assertThat(lab.code.isLoaded(M)).isEmpty();
            // when
            LoadResult r = lab.load(M, Lab.plain(M), 1);
            // then: {module, M}; current is version 1, no old
            assertThat(r).isInstanceOf(LoadResult.Loaded.class);
            assertThat(lab.code.isLoaded(M)).map(ModuleVersion::vsn).contains("1");
            assertThat(lab.code.oldCode(M)).isEmpty();
            assertThat(lab.vsnOf(M)).isEqualTo(1);
        }

        @Test
        void delete_returnsFalse() {
            // given: nothing loaded; when / then: code:delete -> false, and no state appears
            assertThat(lab.code.delete(M)).isFalse();
            assertThat(lab.code.isLoaded(M)).isEmpty();
            assertThat(lab.code.oldCode(M)).isEmpty();
        }

        @Test
        void purge_returnsFalse_softPurge_returnsTrue() {
            // given: nothing loaded; when / then: code:purge -> false, code:soft_purge -> true
            assertThat(lab.code.purge(M)).isFalse();
            assertThat(lab.code.softPurge(M)).isTrue();
            assertThat(lab.code.isLoaded(M)).isEmpty();
            assertThat(lab.code.oldCode(M)).isEmpty();
        }
    }

    @Nested
    class Current {
        @Test
        void load_currentBecomesOld_newBecomesCurrent() throws Exception {
            // given: version 1 is current
            ModuleVersion v1 = loadPlain(1);
            // when: version 2 is loaded
            LoadResult r = lab.load(M, Lab.plain(M), 2);
            // then: version 2 current, version 1 old
            assertThat(r.isLoaded()).isTrue();
            assertThat(lab.code.isLoaded(M)).map(ModuleVersion::vsn).contains("2");
            assertThat(lab.code.oldCode(M)).containsSame(v1);
            assertThat(lab.vsnOf(M)).isEqualTo(2);
        }

        @Test
        void delete_returnsTrue_currentBecomesOld_callsAreUndefined() {
            // given: version 1 is current
            ModuleVersion v1 = loadPlain(1);
            // when
            boolean deleted = lab.code.delete(M);
            // then: true; no current, version 1 is old; a remote call raises undef
            assertThat(deleted).isTrue();
            assertThat(lab.code.isLoaded(M)).isEmpty();
            assertThat(lab.code.oldCode(M)).containsSame(v1);
            assertThatThrownBy(() -> lab.vsnOf(M)).isInstanceOf(UndefinedFunctionException.class);
        }

        @Test
        void purge_returnsFalse_softPurge_returnsTrue_nothingChanges() throws Exception {
            // given: version 1 is current, no old
            ModuleVersion v1 = loadPlain(1);
            // when / then: nothing to purge
            assertThat(lab.code.purge(M)).isFalse();
            assertThat(lab.code.softPurge(M)).isTrue();
            assertThat(lab.code.isLoaded(M)).containsSame(v1);
            assertThat(lab.code.oldCode(M)).isEmpty();
            assertThat(lab.vsnOf(M)).isEqualTo(1);
        }
    }

    @Nested
    class CurrentAndOld {
        ModuleVersion v1;
        ModuleVersion v2;

        @BeforeEach
        void twoVersions() {
            v1 = loadPlain(1);
            v2 = loadPlain(2);
            assertThat(lab.code.oldCode(M)).containsSame(v1);
        }

        @Test
        void load_isRefusedNotPurged_andNothingChanges() throws Exception {
            // given: version 2 current, version 1 old
            // when: version 3 is loaded without purging
            LoadResult r = lab.load(M, Lab.plain(M), 3);
            // then: {error, not_purged}; current and old are unchanged
            assertThat(r).isInstanceOf(LoadResult.Refused.class);
            assertThat(((LoadResult.Refused) r).failures()).singleElement().satisfies(f -> {
                assertThat(f.module()).isEqualTo(M);
                assertThat(f.error()).isEqualTo(LoadError.NOT_PURGED);
            });
            assertThat(lab.code.isLoaded(M)).containsSame(v2);
            assertThat(lab.code.oldCode(M)).containsSame(v1);
            assertThat(lab.vsnOf(M)).isEqualTo(2);
        }

        @Test
        void delete_returnsFalse_andNothingChanges() throws Exception {
            // when: delete while old code exists ("must be purged before deleting")
            boolean deleted = lab.code.delete(M);
            // then
            assertThat(deleted).isFalse();
            assertThat(lab.code.isLoaded(M)).containsSame(v2);
            assertThat(lab.code.oldCode(M)).containsSame(v1);
            assertThat(lab.vsnOf(M)).isEqualTo(2);
        }

        @Test
        void purge_removesOld_returnsFalse_whenNoProcessWasKilled() throws Exception {
            // given: no process runs version 1
            // when
            boolean killed = lab.code.purge(M);
            // then: false (nobody killed), old removed, current untouched
            assertThat(killed).isFalse();
            assertThat(lab.code.oldCode(M)).isEmpty();
            assertThat(lab.code.isLoaded(M)).containsSame(v2);
            // and a load is possible again
            assertThat(lab.load(M, Lab.plain(M), 3).isLoaded()).isTrue();
        }

        @Test
        void softPurge_removesOld_returnsTrue_whenNoProcessRunsIt() {
            // when
            boolean purged = lab.code.softPurge(M);
            // then
            assertThat(purged).isTrue();
            assertThat(lab.code.oldCode(M)).isEmpty();
            assertThat(lab.code.isLoaded(M)).containsSame(v2);
        }
    }

    /** The same states with a process in the old version: purge kills it, softPurge refuses. */
    @Nested
    class CurrentAndOldWithAProcessInOld {
        static final String S = "t.S";

        @Test
        void purge_killsTheProcess_withReasonKilled_andReturnsTrue() throws Exception {
            lab.inProcess(() -> {
                // given: a process looping locally in version 1, then version 2 loaded
                lab.loaded(S, Lab.server(S), 1);
                Pid p = spawnServer(S, 1);
                Ref ref = Proc.monitor(p);
                ModuleVersion v2 = lab.loaded(S, Lab.server(S), 2);
                // when
                boolean killed = lab.code.purge(S);
                // then: true; the monitor says killed; old gone, current untouched
                assertThat(killed).isTrue();
                Down down = awaitDown(ref);
                assertThat(down.reason()).isEqualTo(Reason.KILLED);
                assertThat(lab.code.oldCode(S)).isEmpty();
                assertThat(lab.code.isLoaded(S)).containsSame(v2);
            });
        }

        @Test
        void softPurge_returnsFalse_andRemovesNothing_whileAProcessRunsOld() throws Exception {
            lab.inProcess(() -> {
                // given: a process looping locally in version 1, then version 2 loaded
                ModuleVersion v1 = lab.loaded(S, Lab.server(S), 1);
                Pid p = spawnServer(S, 1);
                Ref ref = Proc.monitor(p);
                ModuleVersion v2 = lab.loaded(S, Lab.server(S), 2);
                // when
                boolean purged = lab.code.softPurge(S);
                // then: false; nothing removed; the process lives on in version 1
                assertThat(purged).isFalse();
                assertThat(lab.code.oldCode(S)).containsSame(v1);
                assertThat(lab.code.isLoaded(S)).containsSame(v2);
                assertThat(Lab.ask(p, "vsn")).isEqualTo(1);
                // and once the process has left, softPurge removes the old code
                Proc.send(p, "stop");
                assertThat(awaitDown(ref).reason()).isEqualTo(Reason.NORMAL);
                assertThat(lab.code.softPurge(S)).isTrue();
                assertThat(lab.code.oldCode(S)).isEmpty();
            });
        }
    }

    @Nested
    class OldOnly {
        ModuleVersion v1;

        @BeforeEach
        void deleted() {
            v1 = loadPlain(1);
            assertThat(lab.code.delete(M)).isTrue();
        }

        @Test
        void load_makesNewCurrent_andKeepsTheOld() throws Exception {
            // given: version 1 deleted (old only)
            // when: version 2 is loaded
            LoadResult r = lab.load(M, Lab.plain(M), 2);
            // then: version 2 current and version 1 still old (E11)
            assertThat(r.isLoaded()).isTrue();
            assertThat(lab.code.isLoaded(M)).map(ModuleVersion::vsn).contains("2");
            assertThat(lab.code.oldCode(M)).containsSame(v1);
            assertThat(lab.vsnOf(M)).isEqualTo(2);
            // and a further load is refused: the module is now current+old
            assertThat(lab.load(M, Lab.plain(M), 3)).isInstanceOf(LoadResult.Refused.class);
        }

        @Test
        void delete_returnsFalse() {
            // when / then
            assertThat(lab.code.delete(M)).isFalse();
            assertThat(lab.code.oldCode(M)).containsSame(v1);
            assertThat(lab.code.isLoaded(M)).isEmpty();
        }

        @Test
        void purge_removesOld_leavingNothing() {
            // when
            boolean killed = lab.code.purge(M);
            // then: nobody killed; the module is in state none
            assertThat(killed).isFalse();
            assertThat(lab.code.oldCode(M)).isEmpty();
            assertThat(lab.code.isLoaded(M)).isEmpty();
            assertThat(lab.code.delete(M)).isFalse();
        }

        @Test
        void softPurge_removesOld_returnsTrue() {
            // when / then
            assertThat(lab.code.softPurge(M)).isTrue();
            assertThat(lab.code.oldCode(M)).isEmpty();
            assertThat(lab.code.isLoaded(M)).isEmpty();
        }
    }

    @Test
    void oldOnly_purge_killsAProcessStillLoopingInTheDeletedCode() throws Exception {
        String s = "t.S";
        lab.inProcess(() -> {
            // given: a process loops locally in version 1, then the module is deleted
            lab.loaded(s, Lab.server(s), 1);
            Pid p = spawnServer(s, 1);
            Ref ref = Proc.monitor(p);
            assertThat(lab.code.delete(s)).isTrue();
            // the process keeps running the deleted code (a local call stays)
            assertThat(Lab.ask(p, "vsn")).isEqualTo(1);
            assertThat(lab.code.checkProcessCode(p, s)).isTrue();
            // when
            boolean killed = lab.code.purge(s);
            // then
            assertThat(killed).isTrue();
            assertThat(awaitDown(ref).reason()).isEqualTo(Reason.KILLED);
            assertThat(lab.code.oldCode(s)).isEmpty();
            assertThat(lab.code.isLoaded(s)).isEmpty();
        });
    }

    @Test
    void oldOnly_remoteCallOfTheDeletedModule_raisesUndef_inTheProcessStillInIt() throws Exception {
        String s = "t.S";
        lab.inProcess(() -> {
            // given: a process loops locally in version 1; the module is deleted
            lab.loaded(s, Lab.server(s), 1);
            Pid server = spawnServer(s, 1);
            Ref ref = Proc.monitor(server);
            assertThat(lab.code.delete(s)).isTrue();
            // when: its next fully qualified call (Code.remote(S::vsn)) goes to a module with no current version
            Proc.send(server, java.util.List.of("remote", Proc.self()));
            // then: it dies with undef (E11: {undef, [{m, loop_fq, [], []}]})
            Down down = awaitDown(ref);
            assertThat(down.reason()).isInstanceOf(UndefinedFunctionException.class);
        });
    }
}
