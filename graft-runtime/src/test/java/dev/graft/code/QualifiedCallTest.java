package dev.graft.code;

import static dev.graft.code.Lab.ask;
import static dev.graft.code.Lab.awaitDown;
import static dev.graft.code.Lab.awaitTagged;
import static dev.graft.code.Lab.spawnServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.process.Down;
import dev.graft.process.Exit;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import dev.graft.process.UndefinedFunctionException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reference §1.2 and §1.4: a local loop stays in its version; a qualified call ({@code Code.tail},
 * {@code Code.remote}) enters the current one; {@code loadBinary} purges before it loads, so a
 * third version kills the processes still in the first.
 */
class QualifiedCallTest extends LabTest {
    static final String S = "t.S";


    @Test
    void localLoop_staysInItsVersion_afterALoad() throws Exception {
        lab.inProcess(() -> {
            // given: a process looping locally in version 1
            lab.loaded(S, Lab.server(S), 1);
            Pid p = spawnServer(S, 1);
            // when: version 2 is loaded
            lab.loaded(S, Lab.server(S), 2);
            // then: its local call vsn() still answers 1, and it counts as running old code
            assertThat(ask(p, "vsn")).isEqualTo(1);
            assertThat(lab.code.checkProcessCode(p, S)).isTrue();
            // while a new process runs version 2 (spawn(M, F, A) is fully qualified)
            Pid q = spawnServer(S, 2);
            assertThat(ask(q, "vsn")).isEqualTo(2);
            assertThat(lab.code.checkProcessCode(q, S)).isFalse();
        });
    }

    @Test
    void codeRemote_returnsTheCurrentVersionsResult_fromOldCode() throws Exception {
        lab.inProcess(() -> {
            // given: a process looping locally in version 1, and version 2 loaded
            lab.loaded(S, Lab.server(S), 1);
            Pid p = spawnServer(S, 1);
            assertThat(ask(p, "remote")).isEqualTo(1);
            lab.loaded(S, Lab.server(S), 2);
            // when: it makes the qualified call Code.remote(S::vsn) (Erlang's ?MODULE:vsn())
            int remote = ask(p, "remote");
            // then: the current version answers, while its own local call still says 1
            assertThat(remote).isEqualTo(2);
            assertThat(ask(p, "vsn")).isEqualTo(1);
            // and after the call it is back in version 1: still old code
            assertThat(lab.code.checkProcessCode(p, S)).isTrue();
        });
    }

    @Test
    void codeTail_movesTheLoopToTheCurrentVersion_leavingNoOldFrame() throws Exception {
        lab.inProcess(() -> {
            // given: a process looping locally in version 1, and version 2 loaded
            lab.loaded(S, Lab.server(S), 1);
            Pid p = spawnServer(S, 1);
            Ref ref = Proc.monitor(p);
            lab.loaded(S, Lab.server(S), 2);
            assertThat(lab.code.checkProcessCode(p, S)).isTrue();
            // when: it makes the qualified tail call Code.tail(S::loop, owner) (?MODULE:loop(Owner))
            Proc.send(p, "tail");
            // then: it enters version 2 ...
            assertThat(awaitTagged("entered", p).get(1)).isEqualTo(2);
            assertThat(ask(p, "vsn")).isEqualTo(2);
            // ... no longer runs old code ...
            assertThat(lab.code.checkProcessCode(p, S)).isFalse();
            // ... so a purge kills nobody and it lives on
            assertThat(lab.code.purge(S)).isFalse();
            assertThat(lab.code.oldCode(S)).isEmpty();
            assertThat(ask(p, "vsn")).isEqualTo(2);
            Proc.send(p, "stop");
            assertThat(awaitDown(ref).reason()).isEqualTo(Reason.NORMAL);
        });
    }

    @Test
    void codeTail_again_followsEachNewVersion() throws Exception {
        lab.inProcess(() -> {
            // given: a process in version 1
            lab.loaded(S, Lab.server(S), 1);
            Pid p = spawnServer(S, 1);
            for (int v = 2; v <= 4; v++) {
                // when: version v is loaded (the previous old purged first) and the process tail-calls
                lab.code.purge(S);
                lab.loaded(S, Lab.server(S), v);
                Proc.send(p, "tail");
                // then: it runs version v, and the purge before the next load kills nobody
                assertThat(awaitTagged("entered", p).get(1)).isEqualTo(v);
                assertThat(lab.code.checkProcessCode(p, S)).isFalse();
            }
            assertThat(lab.code.purge(S)).isFalse();
            assertThat(Proc.isAlive(p)).isTrue();
        });
    }

    @Test
    void loadBinary_purgesFirst_aThirdVersionKillsTheProcessInTheFirst_theSecondSurvives() throws Exception {
        ModuleBinary v1 = lab.binary(S, Lab.server(S), 1);
        ModuleBinary v2 = lab.binary(S, Lab.server(S), 2);
        ModuleBinary v3 = lab.binary(S, Lab.server(S), 3);
        lab.inProcess(() -> {
            // given: P runs version 1, Q runs version 2 (version 1 old, 2 current)
            assertThat(lab.code.loadBinary(v1).isLoaded()).isTrue();
            Pid p = spawnServer(S, 1);
            Ref pRef = Proc.monitor(p);
            assertThat(lab.code.loadBinary(v2).isLoaded()).isTrue();
            Pid q = spawnServer(S, 2);
            Ref qRef = Proc.monitor(q);
            // when: version 3 is loaded with loadBinary (Erlang's load_binary purges first)
            LoadResult r = lab.code.loadBinary(v3);
            // then: loaded; P (in version 1) was killed with reason killed
            assertThat(r.isLoaded()).isTrue();
            assertThat(awaitDown(pRef).reason()).isEqualTo(Reason.KILLED);
            // Q (in version 2, now old) survives and still answers from version 2
            assertThat(ask(q, "vsn")).isEqualTo(2);
            assertThat(lab.code.checkProcessCode(q, S)).isTrue();
            assertThat(lab.code.isLoaded(S)).map(ModuleVersion::vsn).contains("3");
            assertThat(lab.code.oldCode(S)).map(ModuleVersion::vsn).contains("2");
            // and new processes run version 3
            Pid n = spawnServer(S, 3);
            assertThat(ask(n, "vsn")).isEqualTo(3);
            // the next loadBinary kills Q in turn
            assertThat(lab.code.loadBinary(v1).isLoaded()).isTrue();
            assertThat(awaitDown(qRef).reason()).isEqualTo(Reason.KILLED);
            assertThat(ask(n, "vsn")).isEqualTo(3);
        });
    }

    @Test
    void loadBinary_whenNoProcessRunsOld_purgesSilentlyAndLoads() throws Exception {
        // given: version 2 current, version 1 old, no process in either
        ModuleBinary v1 = lab.binary(S, Lab.plain(S), 1);
        ModuleBinary v2 = lab.binary(S, Lab.plain(S), 2);
        ModuleBinary v3 = lab.binary(S, Lab.plain(S), 3);
        assertThat(lab.code.loadBinary(v1).isLoaded()).isTrue();
        assertThat(lab.code.loadBinary(v2).isLoaded()).isTrue();
        // when: a plain load is refused, loadBinary is not
        assertThat(lab.code.load(S)).isInstanceOf(LoadResult.Refused.class);
        LoadResult r = lab.code.loadBinary(v3);
        // then
        assertThat(r.isLoaded()).isTrue();
        assertThat(lab.vsnOf(S)).isEqualTo(3);
        assertThat(lab.code.oldCode(S)).map(ModuleVersion::vsn).contains("2");
    }

    @Test
    void loadBinary_whenOnlyOldCodeExists_doesNotPurge_andKeepsTheOld() throws Exception {
        ModuleBinary v1 = lab.binary(S, Lab.server(S), 1);
        ModuleBinary v2 = lab.binary(S, Lab.server(S), 2);
        lab.inProcess(() -> {
            // given: a process looping in version 1, and the module deleted (old only)
            assertThat(lab.code.loadBinary(v1).isLoaded()).isTrue();
            Pid p = spawnServer(S, 1);
            Ref ref = Proc.monitor(p);
            assertThat(lab.code.delete(S)).isTrue();
            // when: version 2 is loaded with loadBinary
            LoadResult r = lab.code.loadBinary(v2);
            // then: Erlang's load_binary purges only when the module is loaded (module_loaded(M),
            // reference §1.2), so version 1 stays as old code and its process lives
            assertThat(r.isLoaded()).isTrue();
            assertThat(lab.code.oldCode(S)).map(ModuleVersion::vsn).contains("1");
            assertThat(ask(p, "vsn")).isEqualTo(1);
            assertThat(Proc.receive(m -> m instanceof Down d && d.ref().equals(ref), 0)).isNull();
        });
    }

    @Test
    void processesKilledByAPurge_areToldToTheirLinks_asKilled() throws Exception {
        lab.inProcess(() -> {
            // given: a process in version 1 linked to this one, which traps exits; version 2 loaded
            Proc.trapExit(true);
            lab.loaded(S, Lab.server(S), 1);
            Pid p = Code.spawnLink(S, "loop", Proc.self());
            awaitTagged("entered", p);
            lab.loaded(S, Lab.server(S), 2);
            // when
            assertThat(lab.code.purge(S)).isTrue();
            // then: the link delivers {'EXIT', P, killed}
            Object exit = Lab.await("EXIT from " + p,
                    m -> m instanceof Exit e && p.equals(e.from()));
            assertThat(((Exit) exit).reason()).isEqualTo(Reason.KILLED);
        });
    }

    @Test
    void spawnByName_runsTheCurrentVersion_andAnUnknownFunctionKillsTheProcessWithUndef() throws Exception {
        lab.inProcess(() -> {
            // given: version 1 then 2 loaded
            lab.loaded(S, Lab.server(S), 1);
            lab.loaded(S, Lab.server(S), 2);
            // when / then: spawn(M, F, A) runs version 2
            Pid p = spawnServer(S, 2);
            assertThat(ask(p, "vsn")).isEqualTo(2);
            // and spawn of a function that does not exist dies with undef (seen through a link:
            // Code has no spawnMonitor, and a monitor set after spawn may find it gone, as noproc)
            Proc.trapExit(true);
            Pid bad = Code.spawnLink(S, "nosuch", Proc.self());
            Exit exit = (Exit) Lab.await("EXIT from " + bad, m -> m instanceof Exit e && bad.equals(e.from()));
            assertThat(exit.reason()).isInstanceOf(UndefinedFunctionException.class);
        });
    }

    @Test
    void codeSpawnOfAMethodReference_fromOldCode_startsTheCurrentVersion() throws Exception {
        lab.inProcess(() -> {
            // given: a process looping locally in version 1, and version 2 loaded
            lab.loaded(S, Lab.server(S), 1);
            Pid p = spawnServer(S, 1);
            lab.loaded(S, Lab.server(S), 2);
            // when: version 1 spawns Code.spawn(S::loop, owner), Erlang's spawn(?MODULE, loop, [Owner])
            Proc.send(p, List.of("spawn", Proc.self()));
            // then: the new process runs version 2
            List<?> entered = awaitTagged("entered");
            assertThat(entered.get(1)).isEqualTo(2);
            assertThat(lab.code.checkProcessCode((Pid) entered.getLast(), S)).isFalse();
        });
    }

    @Test
    void aPurgeMadeByAProcessRunningTheOldCode_killsTheCallerItself() throws Exception {
        lab.inProcess(() -> {
            // given: a process looping in version 1, and version 2 loaded
            lab.loaded(S, Lab.server(S), 1);
            Pid p = spawnServer(S, 1);
            Ref ref = Proc.monitor(p);
            ModuleVersion v2 = lab.loaded(S, Lab.server(S), 2);
            // when: that process itself calls Code.purge(S)
            Proc.send(p, List.of("purge", Proc.self()));
            // then: it is killed (at its next runtime call, before it can reply); the old code is gone
            assertThat(awaitDown(ref).reason()).isEqualTo(Reason.KILLED);
            assertThat(Proc.receive(m -> m instanceof List<?> l && "purged".equals(l.getFirst()), 0)).isNull();
            assertThat(lab.code.oldCode(S)).isEmpty();
            assertThat(lab.code.isLoaded(S)).containsSame(v2);
        });
    }

    @Test
    void aQualifiedCall_fromCodeOutsideAnyModule_isRefusedWithAClearError() {
        // when / then: Code.remote takes a method reference made inside a loaded module
        assertThatThrownBy(() -> Code.remote(QualifiedCallTest::answer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside a loaded module");
        // and a lambda is not a method reference
        assertThatThrownBy(() -> Code.remote(() -> 42))
                .isInstanceOf(IllegalArgumentException.class);
    }

    public static int answer() {
        return 42;
    }
}
