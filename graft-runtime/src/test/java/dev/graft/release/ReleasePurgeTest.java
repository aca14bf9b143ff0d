package dev.graft.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.code.CodeServer;
import dev.graft.code.Lab;
import dev.graft.process.Down;
import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import dev.graft.term.Atom;
import dev.graft.term.Tuple;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference §7.3: the old code an install leaves. A process looping in {@code lp.Looper}'s
 * version 1 keeps it after release 2 loads version 2; the install reports the module unpurged
 * and kills nobody, whatever the post-purge method. A soft one is retried on a timer until the
 * process leaves the old code; a brutal one is carried out at make_permanent.
 */
@ExtendWith(NodeExtension.class)
class ReleasePurgeTest {
    private static final String LOOPER = "lp.Looper";
    /** How long a test waits for what must happen: a guard against hangs, not a timing assertion. */
    private static final long PATIENCE_MILLIS = 20_000;

    @TempDir
    Path dir;

    private static String relup(String postPurge) {
        return """
                {"2",
                 [{"1",[],[{load_object_code,{lp,"2",['lp.Looper']}},point_of_no_return,
                           {load,{'lp.Looper',soft_purge,POST}}]}],
                 [{"1",[],[{load_object_code,{lp,"1",['lp.Looper']}},point_of_no_return,
                           {load,{'lp.Looper',soft_purge,POST}}]}]}.
                """.replace("POST", postPurge);
    }

    /** Release 1 booted and release 2, whose relup loads version 2 with {@code postPurge}, unpacked. */
    private ReleaseHandler booted(Node node, String postPurge, Duration softPurgeEvery) throws Exception {
        TestReleases builder = new TestReleases(dir, CodeServer.of(node));
        String source = Lab.server(LOOPER);
        Path v1 = builder.build("lp", "1", List.of(Map.entry(LOOPER, source.replace("$V", "1"))), null);
        Path v2 = builder.build("lp", "2", List.of(Map.entry(LOOPER, source.replace("$V", "2"))), relup(postPurge));
        ReleaseHandler rh = ReleaseHandler.open(node, dir.resolve("node"), softPurgeEvery);
        rh.unpackRelease(v1);
        rh.boot();
        rh.unpackRelease(v2);
        return rh;
    }

    @Test
    void aBrutalPostPurge_leavesTheProcessInOldCodeUntilMakePermanent_whichKillsIt(Node node) throws Exception {
        ReleaseHandler rh = booted(node, "brutal_purge", UnpurgedModules.EVERY);
        node.runProcess(() -> {
            // given a process looping in version 1
            Pid looper = Lab.spawnServer(LOOPER, 1);
            Ref watch = Proc.monitor(looper);
            // the plan says so
            InstallPlan plan = rh.checkInstallRelease("2");
            assertThat(plan.purgeKills()).isEmpty();
            assertThat(plan.oldCodeLeft()).containsExactly(
                    Map.entry(LOOPER, new InstallPlan.OldCode(List.of(looper), PurgeMethod.BRUTAL_PURGE)));
            assertThat(plan.describe()).contains("old code    lp.Looper: [" + looper + "] run on in it until make_permanent kills them");
            // when release 2 is installed
            ReleaseHandler.Installed installed = rh.installRelease("2");
            // then the module is left unpurged, and the process runs on in version 1
            assertThat(installed.unpurged()).containsExactly(LOOPER);
            assertThat(rh.unpurged()).containsExactly(LOOPER);
            Proc.send(looper, List.of("vsn", Proc.self()));
            assertThat(Lab.awaitTagged("vsn", looper).get(1)).isEqualTo(1);
            // when release 2 is made permanent, the brutal purge is carried out: the process is killed
            rh.makePermanent("2");
            assertThat(Proc.receive(m -> m instanceof Down d && d.ref().equals(watch), PATIENCE_MILLIS))
                    .isEqualTo(new Down(watch, looper, Reason.KILLED));
            assertThat(rh.unpurged()).isEmpty();
            assertThat(CodeServer.of(node).oldCode(LOOPER)).isEmpty();
            return null;
        });
    }

    @Test
    void aSoftPostPurge_isRetriedOnATimer_untilTheProcessHasLeftTheOldCode_andMakePermanentKillsNobody(Node node)
            throws Exception {
        ReleaseHandler rh = booted(node, "soft_purge", Duration.ofMillis(20));
        node.runProcess(() -> {
            // given a process looping in version 1, and release 2 installed
            Pid looper = Lab.spawnServer(LOOPER, 1);
            assertThat(rh.installRelease("2").unpurged()).containsExactly(LOOPER);
            // when release 2 is made permanent, nothing is killed: the purge is soft
            rh.makePermanent("2");
            assertThat(rh.unpurged()).containsExactly(LOOPER);
            Proc.send(looper, List.of("vsn", Proc.self()));
            assertThat(Lab.awaitTagged("vsn", looper).get(1)).isEqualTo(1);
            // when the process leaves version 1 by a qualified call into version 2
            Proc.send(looper, "tail");
            assertThat(Lab.awaitTagged("entered", looper).get(1)).isEqualTo(2);
            // then a retry of the soft purge finds the old code free, and purges it
            long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
            while (!rh.unpurged().isEmpty() && System.currentTimeMillis() < deadline) {
                Proc.receive(m -> false, 5); // the retry runs on its own timer
            }
            assertThat(rh.unpurged()).isEmpty();
            assertThat(CodeServer.of(node).oldCode(LOOPER)).isEmpty();
            assertThat(Proc.isAlive(looper)).isTrue();
            return null;
        });
    }

    @Test
    void aSoftPrePurge_refusesAnInstallWhileAProcessRunsTheOldCode_andPurgesItOnceNoneDoes(Node node) throws Exception {
        ReleaseHandler rh = booted(node, "soft_purge", UnpurgedModules.EVERY);
        node.runProcess(() -> {
            // given release 2 installed over a process looping in version 1, which keeps version 1 as old code
            Pid looper = Lab.spawnServer(LOOPER, 1);
            rh.installRelease("2");
            List<Release> before = rh.whichReleases();
            // when release 1 is installed back, its soft pre-purge refuses: the process still runs the old code
            assertThatThrownBy(() -> rh.installRelease("1"))
                    .isInstanceOfSatisfying(ReleaseException.class, e -> assertThat(e.reason())
                            .isEqualTo(Tuple.of(Atom.of("old_processes"), LOOPER)));
            assertThat(rh.whichReleases()).isEqualTo(before);
            assertThat(CodeServer.of(node).isLoaded(LOOPER).orElseThrow().vsn()).isEqualTo("2");
            // when the process has left it, before any retry, the install purges the old code and loads
            Proc.send(looper, "tail");
            assertThat(Lab.awaitTagged("entered", looper).get(1)).isEqualTo(2);
            rh.installRelease("1");
            assertThat(CodeServer.of(node).isLoaded(LOOPER).orElseThrow().vsn()).isEqualTo("1");
            assertThat(Proc.isAlive(looper)).isTrue();
            return null;
        });
    }
}
