package dev.graft.application;

import static dev.graft.application.TestApp.await;
import static dev.graft.application.TestApp.mod;
import static dev.graft.application.TestApp.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.application.ApplicationError.BadReturn;
import dev.graft.application.ApplicationError.ConfigChangeFailed;
import dev.graft.application.ApplicationError.ModuleNotDefined;
import dev.graft.code.Lab;
import dev.graft.process.Proc;
import dev.graft.term.Atom;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the release handler does to applications during an upgrade (reference §5.4):
 * {@code prep_config_change}, {@code change_application_data} and {@code config_change}, with
 * a callback module that is a loaded Graft module in two versions.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApplicationUpgradeTest {
    private static final String MODULE = "shop.ShopApp";

    /** An application callback module: each callback tells the observer which version ran it. */
    private static final String SHOP_APP = """
            package shop;

            import dev.graft.application.Application;
            import dev.graft.application.StartType;
            import dev.graft.process.Pid;
            import dev.graft.process.Proc;
            import java.util.List;
            import java.util.Map;

            @dev.graft.code.Vsn("$V")
            public final class ShopApp implements Application<Object> {
                @Override
                public Start<Object> start(StartType type, Object args) {
                    Pid top = Proc.spawnLink(() -> Proc.receive(m -> false));
                    tell(List.of("started", "v$V"));
                    return Start.ok(top, "state of v$V");
                }

                @Override
                public void stop(Object state) {
                    tell(List.of("stop", "v$V", state));
                }

                @Override
                public void configChange(Map<String, Object> changed, Map<String, Object> added, List<String> removed) {
                    tell(List.of("config_change", "v$V", changed, added, removed));
                }

                private static void tell(Object event) {
                    Proc.whereis("observer").ifPresent(o -> Proc.send(o, event));
                }
            }
            """;

    private Lab lab;
    private ApplicationController apps;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        lab = new Lab(dir);
        apps = ApplicationController.of(lab.node);
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    @Test
    void anUpgrade_replacesTheSpecAndEnvironment_andTellsTheNewCodeWhatChanged() throws Exception {
        // given shop running on version 1 of its callback module, with a value set at run time
        lab.loaded(MODULE, SHOP_APP, 1);
        apps.load(spec("shop", "{vsn, \"1.0\"}", "{mod, {'shop.ShopApp', []}}", "{env, [{color, red}, {size, 1}]}"))
                .orThrow();
        lab.inProcess(() -> {
            Proc.register("observer", Proc.self());
            apps.start("shop").orThrow();
            assertThat(await("started")).isEqualTo(List.of("started", "v1"));
            apps.setEnv("shop", "tuned", true);

            // when an upgrade loads version 2 and applies the new .app and sys.config, as the
            // release handler does
            Map<String, Map<String, Object>> before = apps.prepConfigChange();
            lab.loaded(MODULE, SHOP_APP, 2);
            apps.changeApplicationData(
                    List.of(spec("shop", "{vsn, \"2.0\"}", "{mod, {'shop.ShopApp', []}}", "{env, [{color, blue}, {shape, round}]}"),
                            spec("not_loaded", "{vsn, \"9\"}")),
                    Map.of("shop", Map.of("shape", Atom.of("square"))));
            Outcome<Void> told = apps.configChange(before);

            // then version 2 is told what changed: the .app's new color, sys.config's shape
            // over the .app's, and size and the value set at run time gone
            assertThat(told).isEqualTo(Outcome.ok());
            assertThat(await("config_change")).isEqualTo(List.of("config_change", "v2",
                    Map.of("color", Atom.of("blue")), Map.of("shape", Atom.of("square")), List.of("size", "tuned")));
            assertThat(apps.getAllEnv("shop")).containsOnly(
                    Map.entry("color", Atom.of("blue")), Map.entry("shape", Atom.of("square")));
            assertThat(apps.whichApplications()).first().isEqualTo(new ApplicationInfo("shop", "shop", "2.0"));
            assertThat(apps.loadedApplications()).extracting(ApplicationInfo::name).doesNotContain("not_loaded");

            // and the application started by version 1 is stopped by version 2, the current one
            apps.stop("shop").orThrow();
            assertThat(await("stop")).isEqualTo(List.of("stop", "v2", "state of v1"));
        });
    }

    @Test
    void configChange_collectsEveryFailure_andNothingChanged_isNoCall() throws Exception {
        // given a running application whose callback refuses the key fail, a running library
        // application, and one whose environment does not change
        apps.load(spec("picky", mod("ok"))).orThrow();
        apps.load(spec("library")).orThrow();
        apps.load(spec("calm", mod("ok"), "{env, [{k, 1}]}")).orThrow();
        lab.inProcess(() -> {
            Proc.register("observer", Proc.self());
            for (String app : List.of("picky", "library", "calm")) {
                apps.start(app).orThrow();
            }
            Map<String, Map<String, Object>> before = apps.prepConfigChange();
            // when the first two's environments change
            apps.setEnv("picky", "fail", true);
            apps.setEnv("library", "level", 2L);
            Outcome<Void> told = apps.configChange(before);
            // then both failures are reported, and only picky's callback was called
            assertThat(told).isInstanceOfSatisfying(Outcome.Error.class, e -> {
                ConfigChangeFailed failed = (ConfigChangeFailed) e.reason();
                assertThat(failed.errors()).hasSize(2);
                assertThat(failed.errors().get(0)).isInstanceOfSatisfying(BadReturn.class, b ->
                        assertThat(b.call().function()).isEqualTo("config_change"));
                assertThat(failed.errors().get(1)).isEqualTo(new ModuleNotDefined("library"));
            });
            assertThat(await("config_change")).isEqualTo(List.of("config_change", Map.of(), Map.of("fail", true), List.of()));
            assertThat(Proc.receive(m -> m instanceof List<?> l && "config_change".equals(l.getFirst()), 0)).isNull();
        });
    }

    @Test
    void theConfigurationOfAnUpgrade_appliesToLaterLoadsToo() {
        apps.changeApplicationData(List.of(), Map.of("later", Map.of("level", 3L)));
        apps.load(spec("later", "{env, [{level, 1}, {name, x}]}")).orThrow();
        assertThat(apps.getAllEnv("later")).containsOnly(Map.entry("level", 3L), Map.entry("name", Atom.of("x")));
    }
}
