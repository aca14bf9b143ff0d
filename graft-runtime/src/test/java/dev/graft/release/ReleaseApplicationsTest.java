package dev.graft.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.application.AppSpec;
import dev.graft.application.ApplicationController;
import dev.graft.application.ApplicationInfo;
import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.term.Terms;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application added by an upgrade and removed by the downgrade (reference §6.5's
 * add_application and remove_application), with the relup RelupBuilder makes: the boot starts
 * the release's applications, the upgrade starts the new one, the downgrade stops it and
 * removes its modules.
 */
@ExtendWith(NodeExtension.class)
class ReleaseApplicationsTest {
    private static final String LOG_APP = """
            package kvlog;

            import dev.graft.application.Application;
            import dev.graft.application.StartType;
            import dev.graft.behaviour.GenServer;

            public final class LogApp implements Application<Object> {
                @Override
                public Start<Object> start(StartType type, Object args) {
                    return Start.ok(Log.startLink());
                }

                @Override
                public void stop(Object state) {}
            }
            """;

    private static final String LOG = """
            package kvlog;

            import dev.graft.behaviour.GenServer;
            import dev.graft.process.Pid;

            public final class Log implements GenServer<Object> {
                public static Pid startLink() {
                    return GenServer.startLink("kvlog", Log.class, null).pid();
                }

                @Override
                public Init<Object> init(Object args) {
                    return Init.ok("logging");
                }
            }
            """;

    @TempDir
    Path dir;

    private static ReleaseApps appsOf(Path build, String release, String vsn, List<String> libs) throws Exception {
        ReleaseSpec rel = ReleaseSpec.read(build.resolve("releases/" + vsn + "/" + release + ".rel"));
        List<AppSpec> apps = libs.stream().map(l -> {
            try {
                return AppSpec.read(build.resolve("lib/" + l + "/ebin/" + l.substring(0, l.indexOf('-')) + ".app"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        return new ReleaseApps(rel, apps);
    }

    @Test
    void anAddedApplicationStartsWithTheUpgrade_andStopsWithTheDowngrade(Node node) throws Exception {
        // given release 1 with kv, and release 2 with kv and kvlog, whose relup RelupBuilder makes
        TestReleases builder = new TestReleases(dir, CodeServer.of(node));
        TestReleases.App kv = new TestReleases.App("kv", "1",
                List.of(Map.entry("kv.Label1", ReleaseInstallTest.label(1)), Map.entry("kv.Store", ReleaseInstallTest.store(1))), null);
        TestReleases.App kvlog = new TestReleases.App("kvlog", "1",
                List.of(Map.entry("kvlog.Log", LOG), Map.entry("kvlog.LogApp", LOG_APP)), "kvlog.LogApp");
        Path v1 = builder.buildRelease("shop", "1", List.of(kv), null);
        builder.buildRelease("shop", "2", List.of(kv, kvlog), null);
        Relup relup = RelupBuilder.of(appsOf(dir.resolve("build-shop-2"), "shop", "2", List.of("kv-1", "kvlog-1")), Map.of())
                .upgradeFrom(appsOf(dir.resolve("build-shop-1"), "shop", "1", List.of("kv-1")))
                .downgradeTo(appsOf(dir.resolve("build-shop-1"), "shop", "1", List.of("kv-1")))
                .build().relup();
        Path v2 = builder.buildRelease("shop", "2", List.of(kv, kvlog), Terms.write(relup.toTerm()) + ".\n");
        ReleaseHandler rh = ReleaseHandler.open(node, dir.resolve("node"));
        rh.unpackRelease(v1);
        rh.boot();
        rh.unpackRelease(v2);
        ApplicationController apps = ApplicationController.of(node);
        assertThat(apps.whichApplications()).extracting(ApplicationInfo::name).contains("kv").doesNotContain("kvlog");

        // when release 2 is installed, kvlog runs with its server
        rh.installRelease("2");
        assertThat(apps.whichApplications()).extracting(ApplicationInfo::name).contains("kv", "kvlog");
        assertThat(node.whereis("kvlog")).isPresent();

        // when release 1 is installed again, kvlog is stopped and its modules are gone
        rh.installRelease("1");
        assertThat(apps.whichApplications()).extracting(ApplicationInfo::name).doesNotContain("kvlog");
        assertThat(node.whereis("kvlog")).isEmpty();
        assertThat(CodeServer.of(node).isLoaded("kvlog.Log")).isEmpty();
    }
}
