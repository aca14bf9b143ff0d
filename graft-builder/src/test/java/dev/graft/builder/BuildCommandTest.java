package dev.graft.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graft build} on release 1 of the sample shop: the layout it makes, and each bad input
 * refused with what was wrong and where, writing nothing.
 */
class BuildCommandTest {
    /** kv 1.0 compiled once; each test works on its own copy. */
    @TempDir
    static Path compiled;
    static Path kv1Classes;

    @TempDir
    Path tmp;
    Workspace ws;
    Path classes;
    Path appSrc;
    Path out;

    @BeforeAll
    static void compileKv1() throws Exception {
        kv1Classes = new Workspace(compiled).compile("kv1", Shop.kv(1));
    }

    @BeforeEach
    void kv1() throws Exception {
        ws = new Workspace(tmp);
        classes = tmp.resolve("kv1/classes");
        Files.createDirectories(classes.getParent());
        try (Stream<Path> files = Files.walk(kv1Classes)) {
            for (Path f : files.toList()) {
                Files.copy(f, classes.resolve(kv1Classes.relativize(f).toString()));
            }
        }
        appSrc = ws.write("kv1/kv.app.src", Shop.kvAppSrc("1.0"));
        out = tmp.resolve("rel");
    }

    private List<String> args(String... more) {
        List<String> args = new ArrayList<>(List.of("--name", "shop", "--vsn", "1", "--out", out.toString(),
                "--app", appSrc.toString(), "--classes", classes.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private List<String> filesUnder(Path root) throws Exception {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void release1HasTheLayoutTheReleaseHandlerReads() throws Exception {
        Path sysConfig = ws.write("sys.config", "%% the shop's settings\n[{kv, [{greeting, \"hi\"}]}].\n");
        Path vmArgs = ws.write("vm.args", "-Xmx256m\n");

        Workspace.Run run = Workspace.build(args("--sys-config", sysConfig.toString(), "--vm-args", vmArgs.toString()));

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("Release shop 1", "kv 1.0: 5 module(s): kv.KvApp, kv.Label1, kv.Store, kv.Sup, kv.Text",
                "Built release shop 1 in " + out);
        assertThat(filesUnder(out)).contains("bin/graft", "lib/kv-1.0/ebin/kv.app", "lib/kv-1.0/classes/kv/Store.class",
                "lib/kv-1.0/classes/kv/Store$State.class", "lib/kv-1.0/classes/kv/Store$Bump.class",
                "releases/1/shop.rel", "releases/1/sys.config", "releases/1/shared-classes", "releases/shop-1.zip");
        assertThat(Files.readString(out.resolve("releases/1/shop.rel")))
                .isEqualTo("{release,{\"shop\",\"1\"},{erts,\"graft\"},[{kv,\"1.0\"}]}.\n");
        assertThat(Files.readString(out.resolve("lib/kv-1.0/ebin/kv.app"))).contains("{mod,{'kv.KvApp',[]}}",
                "{env,[{greeting,\"hello\"}]}", "{registered,[kvsup]}");
        assertThat(Files.readString(out.resolve("releases/1/sys.config"))).isEqualTo(Files.readString(sysConfig));
        assertThat(Files.readString(out.resolve("releases/1/vm.args"))).isEqualTo("-Xmx256m\n");
        assertThat(Files.isExecutable(out.resolve("bin/graft"))).isTrue();
        assertThat(filesUnder(out.resolve("lib/graft"))).anyMatch(f -> f.startsWith("graft-runtime"));
    }

    /** Runs {@code sh bin/graft --help} with JAVA_HOME set; what it printed, and its exit status. */
    private Workspace.Run launch(Path javaHome) throws Exception {
        ProcessBuilder launcher = new ProcessBuilder("sh", out.resolve("bin/graft").toString(), "--help")
                .redirectErrorStream(true);
        launcher.environment().put("JAVA_HOME", javaHome.toString());
        Process p = launcher.start();
        p.getOutputStream().close();
        String printed = new String(p.getInputStream().readAllBytes());
        return new Workspace.Run(p.waitFor(), printed, "");
    }

    @Test
    void theLauncherRunsGraftsCommandOnTheRootWithJava25() throws Exception {
        assertThat(Workspace.build(args()).status()).isZero();

        Workspace.Run run = launch(Path.of(System.getProperty("java.home")));

        // the JDK ran the launcher's class path, which lacks graft-cli here: its class is missing
        assertThat(run.status()).isNotZero();
        assertThat(run.out()).contains("dev.graft.cli.Graft");
    }

    @Test
    void theLauncherRefusesAJavaOlderThan25AndAJavaHomeWithoutJava() throws Exception {
        assertThat(Workspace.build(args()).status()).isZero();
        Path old = ws.write("jdk17/bin/java", "#!/bin/sh\necho '    java.specification.version = 17' >&2\n");
        old.toFile().setExecutable(true);

        Workspace.Run seventeen = launch(tmp.resolve("jdk17"));
        Workspace.Run none = launch(tmp);

        assertThat(seventeen.status()).isEqualTo(1);
        assertThat(seventeen.out()).contains("is Java 17; Graft needs Java 25 or later (set JAVA_HOME)");
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.out()).contains("graft: JAVA_HOME is " + tmp + ", which has no bin/java; point it at a JDK 25");
    }

    @Test
    void helpListsTheOptions() {
        Workspace.Run run = Workspace.build(List.of("--help"));
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Usage: graft build", "--upgrade-from VSN", "--dry-run", "--lib JAR");
    }

    @Test
    void aMalformedAppSrcIsRefusedWithItsFileLineAndColumn() throws Exception {
        ws.write("kv1/kv.app.src", "{application, kv,\n [{vsn, \"1.0\"}\n  {description, \"x\"}]}.\n");

        Workspace.Run run = Workspace.build(args());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("graft build: " + appSrc + ":3:3: ");
        assertThat(out).doesNotExist();
    }

    @Test
    void anAppSrcThatListsModulesIsRefusedAtTheEntry() throws Exception {
        ws.write("kv1/kv.app.src", "{application, kv, [{vsn, \"1.0\"},\n {modules, ['kv.Store']}]}.\n");

        Workspace.Run run = Workspace.build(args());

        assertThat(run.err()).contains(appSrc + ":2:2: the modules of application kv are listed by the build");
        assertThat(out).doesNotExist();
    }

    @Test
    void aSysConfigThatIsNotAListOfApplicationsIsRefusedAtItsPlace() throws Exception {
        Path sysConfig = ws.write("sys.config", "[{kv, [{greeting, \"hi\"}]},\n {kv, greeting}].\n");

        Workspace.Run run = Workspace.build(args("--sys-config", sysConfig.toString()));

        assertThat(run.err()).contains(sysConfig + ":2:7: the parameters of kv: expected a list, found greeting");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingClassesDirectoryIsRefused() {
        classes = tmp.resolve("nowhere");
        Workspace.Run run = Workspace.build(args());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("the classes directory " + classes + " does not exist; compile the application first");
    }

    @Test
    void anUnknownPreviousVersionIsRefused_namingTheVersionsThereAre() {
        assertThat(Workspace.build(args()).status()).isZero();
        List<String> v2 = new ArrayList<>(args("--upgrade-from", "0.9"));
        v2.set(v2.indexOf("1"), "2");

        Workspace.Run run = Workspace.build(v2);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("there is no release 0.9 in " + out + " to upgrade from; it holds release(s) 1");
        assertThat(out.resolve("releases/2")).doesNotExist();
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertThat(Workspace.build(List.of("--vsn", "1", "--out", "x")).err()).contains("no application: give --app");
        assertThat(Workspace.build(List.of("--classes", "x")).err()).contains("--classes comes after the --app");
        Workspace.Run unknown = Workspace.build(args("--frobnicate"));
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown argument --frobnicate", "graft build --help");
        assertThat(Workspace.build(args("--from", "x")).err()).contains("give its version with --upgrade-from VSN");
    }

    @Test
    void aVersionIsBuiltOnce() {
        assertThat(Workspace.build(args()).status()).isZero();
        Workspace.Run again = Workspace.build(args());
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("release 1 is already built in " + out);
    }

    @Test
    void anApplicationUnchangedSinceTheEarlierReleaseIsSharedWithIt() throws Exception {
        assertThat(Workspace.build(args()).status()).isZero();
        Path stats = ws.compile("stats", Shop.STATS);
        Path statsSrc = ws.write("stats/stats.app.src", Shop.STATS_APP_SRC);
        List<String> v2 = new ArrayList<>(args("--app", statsSrc.toString(), "--classes", stats.toString(),
                "--upgrade-from", "1"));
        v2.set(v2.indexOf("1"), "2");

        Workspace.Run run = Workspace.build(v2);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("+ stats 1.0    added", "= kv 1.0    unchanged");
        assertThat(dev.graft.release.ReleaseArchive.verify(out.resolve("releases/shop-2.zip")).digests())
                .containsKeys("lib/kv-1.0/ebin/kv.app", "lib/stats-1.0/ebin/stats.app");
        assertThat(out.resolve("lib/kv-1.0/ebin/kv.appup")).doesNotExist();
        assertThat(Files.readString(out.resolve("releases/2/relup"))).contains("{apply,{application,start,[stats,permanent]}}")
                .doesNotContain("'kv.");

        // and a release 3 without stats removes it
        List<String> v3 = new ArrayList<>(args("--upgrade-from", "2"));
        v3.set(v3.indexOf("1"), "3");
        Workspace.Run removing = Workspace.build(v3);
        assertThat(removing.status()).as(removing.err()).isZero();
        assertThat(removing.out()).contains("- stats 1.0    removed: remove_application");
        assertThat(Files.readString(out.resolve("releases/3/relup"))).contains("{apply,{application,stop,[stats]}}",
                "{remove,{'stats.Counter',brutal_purge,brutal_purge}}");
    }

    @Test
    void codeChangedUnderTheSameApplicationVersionIsRefused() throws Exception {
        assertThat(Workspace.build(args()).status()).isZero();
        Path changed = ws.compile("kv1b", Map.of("kv.Text", Shop.kv(2).get("kv.Text")));
        Files.copy(changed.resolve("kv/Text.class"), classes.resolve("kv/Text.class"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> v2 = new ArrayList<>(args("--upgrade-from", "1"));
        v2.set(v2.indexOf("1"), "2");

        Workspace.Run run = Workspace.build(v2);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("application kv is 1.0 in both releases, but its modules changed: bump its vsn");
        assertThat(out.resolve("releases/2")).doesNotExist();
    }

    @Test
    void aModuleThatBreaksTheBoundaryIsRefused_namingTheReference() throws Exception {
        Map<String, String> sources = new java.util.LinkedHashMap<>(Shop.kv(1));
        sources.put("kv.Peek", """
                package kv;

                public final class Peek {
                    public static int count(Store.State s) {
                        return s.count();
                    }
                }
                """);
        classes = ws.compile("kv1c", sources);

        Workspace.Run run = Workspace.build(args());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("module kv.Peek of application kv breaks the module boundary",
                "kv.Store$State, a class of module kv.Store");
        assertThat(out).doesNotExist();
    }

    @Test
    void aSharedPackageHoldsTheTypesModulesExchange_onTheSharedClassPath() throws Exception {
        Map<String, String> sources = new java.util.LinkedHashMap<>(Shop.kv(1));
        sources.put("kv.api.Item", "package kv.api;\n\npublic record Item(String key, int n) {}\n");
        sources.put("kv.Items", """
                package kv;

                import kv.api.Item;

                public final class Items {
                    public static Item first() {
                        return new Item("a", Store.bump("a", 0).hashCode());
                    }
                }
                """);
        classes = ws.compile("kv1d", sources);

        Workspace.Run asModules = Workspace.build(args());
        Workspace.Run shared = Workspace.build(args("--shared-package", "kv.api"));

        assertThat(asModules.err()).contains("module kv.Items of application kv breaks the module boundary",
                "kv.api.Item, a class of module kv.api.Item");
        assertThat(shared.status()).as(shared.err()).isZero();
        assertThat(Files.readString(out.resolve("lib/kv-1.0/ebin/kv.app"))).contains("'kv.Items'").doesNotContain("kv.api");
        try (var jar = new java.util.jar.JarFile(out.resolve("lib/graft/kv-shared.jar").toFile())) {
            assertThat(jar.getEntry("kv/api/Item.class")).isNotNull();
        }
        assertThat(Files.readString(out.resolve("releases/1/shared-classes"))).contains("  kv.api.Item  kv-shared.jar");
    }

    @Test
    void aDependencyTheReleaseLacksIsRefused() throws Exception {
        ws.write("kv1/kv.app.src", "{application, kv, [{vsn, \"1.0\"}, {applications, [db]}]}.\n");
        assertThat(Workspace.build(args()).err())
                .contains("application kv needs application db ({applications, [...]} in its .app.src), which the release does not hold");
    }
}
