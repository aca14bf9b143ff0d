package dev.graft.builder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.application.ApplicationController;
import dev.graft.application.ApplicationInfo;
import dev.graft.behaviour.Supervisor;
import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import dev.graft.release.Appup;
import dev.graft.release.ReleaseHandler;
import dev.graft.release.Relup;
import dev.graft.sys.Sys;
import dev.graft.term.Terms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder's upgrade: release 2 of the sample shop built with {@code --upgrade-from 1} gets
 * kv's appup generated from the two builds' bytecode and a relup that adds the stats
 * application; and the real proof, release 2 unpacked and installed on a running node by the
 * runtime's release handler, then downgraded back, with the store's state migrated both ways.
 */
class UpgradeBuildTest {
    @TempDir
    static Path tmp;
    static Path out;
    static String plan;

    @BeforeAll
    static void buildBothReleases() throws Exception {
        Workspace ws = new Workspace(tmp);
        out = tmp.resolve("rel");
        Path kv1 = ws.compile("kv1", Shop.kv(1));
        ws.write("kv1/kv.app.src", Shop.kvAppSrc("1.0"));
        Workspace.Run v1 = Workspace.build(List.of("--name", "shop", "--vsn", "1", "--out", out.toString(),
                "--app", tmp.resolve("kv1/kv.app.src").toString(), "--classes", kv1.toString()));
        assertThat(v1.status()).as(v1.err()).isZero();
        Path kv2 = ws.compile("kv2", Shop.kv(2));
        ws.write("kv2/kv.app.src", Shop.kvAppSrc("2.0"));
        Path stats = ws.compile("stats", Shop.STATS);
        ws.write("stats/stats.app.src", Shop.STATS_APP_SRC);
        Workspace.Run v2 = Workspace.build(List.of("--name", "shop", "--vsn", "2", "--out", out.toString(),
                "--app", tmp.resolve("kv2/kv.app.src").toString(), "--classes", kv2.toString(),
                "--app", tmp.resolve("stats/stats.app.src").toString(), "--classes", stats.toString(),
                "--upgrade-from", "1"));
        assertThat(v2.status()).as(v2.err()).isZero();
        plan = v2.out();
    }

    @Test
    void theAppupUpdatesTheStore_reloadsTheText_updatesTheSupervisorAndStartsItsNewChild() throws Exception {
        Appup appup = Appup.read(out.resolve("lib/kv-2.0/ebin/kv.appup"));
        assertThat(Terms.write(appup.toTerm())).isEqualTo("{\"2.0\","
                + "[{\"1.0\",[{add_module,'kv.Label2'},{load_module,'kv.Text'},"
                + "{update,'kv.Store',{advanced,[]},['kv.Label2','kv.Text']},"
                + "{update,'kv.Sup',supervisor},"
                + "{apply,{'dev.graft.behaviour.Supervisor',restartChild,[\"kvsup\",\"b\"]}},"
                + "{delete_module,'kv.Label1'}]}],"
                + "[{\"1.0\",[{add_module,'kv.Label1'},{load_module,'kv.Text'},"
                + "{update,'kv.Store',{advanced,[]},['kv.Label1','kv.Text']},"
                + "{apply,{'dev.graft.behaviour.Supervisor',terminateChild,[\"kvsup\",\"b\"]}},"
                + "{apply,{'dev.graft.behaviour.Supervisor',deleteChild,[\"kvsup\",\"b\"]}},"
                + "{update,'kv.Sup',supervisor},"
                + "{delete_module,'kv.Label2'}]}]}");
    }

    @Test
    void theRelupAddsTheNewApplicationAndRemovesItGoingDown() throws Exception {
        Relup relup = Relup.read(out.resolve("releases/2/relup"));
        String up = Terms.write(relup.upgradeFrom("1").orElseThrow().instructions().stream().map(i -> i.toTerm()).toList());
        String down = Terms.write(relup.downgradeTo("1").orElseThrow().instructions().stream().map(i -> i.toTerm()).toList());
        assertThat(up).contains("{load_object_code,{stats,\"1.0\",['stats.Counter','stats.StatsApp']}}",
                "{apply,{application,start,[stats,permanent]}}", "{code_change,up,[{'kv.Store',[]}]}");
        assertThat(down).contains("{apply,{application,stop,[stats]}}", "{code_change,down,[{'kv.Store',[]}]}");
    }

    @Test
    void thePlanSaysWhatChangesAndWhatMigratesTheState() {
        assertThat(plan).contains(
                "Upgrade plan: shop 1 -> 2",
                "+ stats 1.0    added: add_application",
                "~ kv 1.0 -> 2.0    appup generated",
                "GenServer; its records change shape: Store.State; calls kv.Label2, kv.Text",
                "state shape Store.State: (String name, int count) -> (String name, int count, int upgrades)",
                "migrated by structural migration",
                "upgrades: new, starts as @Migration.Default(\"1\")",
                "Supervisor; re-runs init and merges its child specs (gains [b], loses [])");
    }

    @Test
    void theReleaseKeepsThePlanBesideItsRelup() throws Exception {
        assertThat(Files.readString(out.resolve("releases/2/upgrade-plan.txt"))).isEqualTo(plan.substring(0,
                plan.indexOf("\nBuilt release")));
    }

    @Test
    void theArchiveHoldsTheReleaseWithItsChecksums() throws Exception {
        Path archive = out.resolve("releases/shop-2.zip");
        var contents = dev.graft.release.ReleaseArchive.verify(archive);
        assertThat(contents.vsn()).isEqualTo("2");
        assertThat(contents.digests()).containsKeys("lib/kv-2.0/ebin/kv.app", "lib/kv-2.0/ebin/kv.appup",
                "lib/kv-2.0/classes/kv/Store.class", "lib/kv-2.0/classes/kv/Store$State.class",
                "lib/stats-1.0/ebin/stats.app", "releases/2/shop.rel", "releases/2/relup", "releases/2/upgrade-plan.txt", "releases/2/sys.config");
        assertThat(contents.digests().keySet()).noneMatch(n -> n.startsWith("lib/kv-1.0") || n.startsWith("bin/"));
        assertThat(Files.readString(out.resolve("lib/kv-2.0/ebin/kv.app"))).contains(
                "{modules,['kv.KvApp','kv.Label2','kv.Store','kv.Sup','kv.Text']}");
    }

    @Test
    void release2InstallsOnARunningNode_migratingTheState_andDowngradesBack() throws Exception {
        Node node = Node.start("shop");
        try {
            // given release 1 booted from its archive in the release directory, as a first start does
            ReleaseHandler rh = ReleaseHandler.open(node, out);
            rh.unpackRelease(out.resolve("releases/shop-1.zip"));
            rh.boot();
            CodeServer code = CodeServer.of(node);
            assertThat(node.runProcess(() -> code.apply("kv.Store", "bump", "a", 3))).isEqualTo("hello v1:3");
            rh.unpackRelease(out.resolve("releases/shop-2.zip"));

            // when release 2 is installed
            rh.installRelease("2");

            // then the store kept its state, migrated; the supervisor runs b; stats runs
            assertThat(Sys.getState(node.whereis("a").orElseThrow()).toString()).isEqualTo("State[name=a, count=3, upgrades=1]");
            assertThat(node.runProcess(() -> code.apply("kv.Store", "bump", "a", 1))).isEqualTo("hello again v2:4");
            assertThat(Supervisor.whichChildren(node.whereis("kvsup").orElseThrow())).extracting(Supervisor.Child::id).containsExactlyInAnyOrder("a", "b");
            ApplicationController apps = ApplicationController.of(node);
            assertThat(apps.whichApplications()).extracting(ApplicationInfo::name).contains("kv", "stats");
            assertThat(code.isLoaded("kv.Label1")).isEmpty();

            // when it is downgraded to release 1
            rh.installRelease("1");

            // then the state is back in version 1's shape, b and stats are gone
            assertThat(Sys.getState(node.whereis("a").orElseThrow()).toString()).isEqualTo("State[name=a, count=4]");
            assertThat(Supervisor.whichChildren(node.whereis("kvsup").orElseThrow())).extracting(Supervisor.Child::id).containsExactly("a");
            assertThat(apps.whichApplications()).extracting(ApplicationInfo::name).doesNotContain("stats");
            assertThat(code.isLoaded("kv.Label2")).isEmpty();
            assertThat(node.runProcess(() -> code.apply("kv.Store", "bump", "a", 1))).isEqualTo("hello v1:5");
        } finally {
            node.stop(Duration.ofSeconds(10));
        }
    }
}
