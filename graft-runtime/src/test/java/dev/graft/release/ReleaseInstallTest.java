package dev.graft.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.code.CodePath;
import dev.graft.code.CodeServer;
import dev.graft.code.ModuleVersion;
import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.sys.Sys;
import dev.graft.term.Atom;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference §7.3 and DESIGN decision 6: a release installed by its relup as a transaction —
 * upgrade and downgrade of an application whose server changes its state, with a module added
 * and one removed; a failing code change in one of many servers leaves the node as it was.
 */
@ExtendWith(NodeExtension.class)
class ReleaseInstallTest {
    private static final String STORE = "kv.Store";

    static String store(int vsn) {
        String state = vsn == 1 ? "public record State(String name, int count) {}" : """
                public record State(String name, int count, @Migration.Default("0") int upgrades) {}
                private record Old(String name, int count) {}

                @Override
                public State codeChange(Object oldVsn, Object old, Object extra) {
                    if (oldVsn instanceof GenServer.Down) {
                        return (State) old;
                    }
                    Old o = Migration.convert(old, Old.class);
                    if (o.name().equals("hang")) {
                        System.out.println("preparing the code change of hang");
                        System.out.flush();
                        dev.graft.process.Proc.receive(m -> false);
                    }
                    if (o.name().equals("poison")) {
                        throw new IllegalStateException("cannot upgrade " + o.name());
                    }
                    return new State(o.name(), o.count(), 1);
                }
                """;
        return """
                package kv;

                import dev.graft.behaviour.GenServer;
                import dev.graft.gen.From;
                import dev.graft.migrate.Migration;
                import dev.graft.process.Pid;
import dev.graft.process.Proc;

                @dev.graft.code.Vsn("$V")
                public final class Store implements GenServer<Store.State> {
                    %STATE%

                    record Bump(int by) {}

                    public static Pid start(String name) {
                        return GenServer.start(Store.class, name).pid();
                    }

                    public static dev.graft.behaviour.StartResult startLink(String name) {
                        return GenServer.startLink(Store.class, name);
                    }

                    public static Object bump(Pid p, int by) {
                        return GenServer.call(p, new Bump(by));
                    }

                    /** Tells {@code waiting} it is here, in this module's code, and stays. */
                    public static void stayHere(Pid waiting) {
                        dev.graft.process.Proc.send(waiting, "here");
                        dev.graft.process.Proc.receive(m -> false);
                    }

                    @Override
                    public Init<State> init(Object name) {
                        return Init.ok(%START%);
                    }

                    @Override
                    public CallResult<State> handleCall(Object req, From from, State s) {
                        Bump b = (Bump) req;
                        State n = %NEXT%;
                        return new Reply<>(%LABEL%.of(n.count()), n);
                    }
                }
                """.replace("$V", String.valueOf(vsn)).replace("%STATE%", state)
                .replace("%START%", vsn == 1 ? "new State((String) name, 0)" : "new State((String) name, 0, 0)")
                .replace("%NEXT%", vsn == 1 ? "new State(s.name(), s.count() + b.by())"
                        : "new State(s.name(), s.count() + b.by(), s.upgrades())")
                .replace("%LABEL%", vsn == 1 ? "Label1" : "Label2");
    }

    static String label(int vsn) {
        return """
                package kv;

                public final class LabelV {
                    public static String of(int n) {
                        return "vV:" + n;
                    }
                }
                """.replace("V", String.valueOf(vsn));
    }

    static final String RELUP = """
            {"2",
             [{"1",[],
               [{load_object_code,{kv,"2",['kv.Store','kv.Label2']}},
                point_of_no_return,
                {load,{'kv.Label2',brutal_purge,brutal_purge}},
                {suspend,['kv.Store']},
                {load,{'kv.Store',brutal_purge,brutal_purge}},
                {code_change,up,[{'kv.Store',[]}]},
                {resume,['kv.Store']},
                {remove,{'kv.Label1',brutal_purge,brutal_purge}},
                {purge,['kv.Label1']}]}],
             [{"1",[],
               [{load_object_code,{kv,"1",['kv.Store','kv.Label1']}},
                point_of_no_return,
                {load,{'kv.Label1',brutal_purge,brutal_purge}},
                {suspend,['kv.Store']},
                {code_change,down,[{'kv.Store',[]}]},
                {load,{'kv.Store',brutal_purge,brutal_purge}},
                {resume,['kv.Store']},
                {remove,{'kv.Label2',brutal_purge,brutal_purge}},
                {purge,['kv.Label2']}]}]}.
            """;

    @TempDir
    Path dir;
    Path v1;
    Path v2;

    @BeforeEach
    void buildReleases(Node node) throws Exception {
        TestReleases builder = new TestReleases(dir, CodeServer.of(node));
        v1 = builder.build("kv", "1", List.of(Map.entry("kv.Label1", label(1)), Map.entry(STORE, store(1))), null);
        v2 = builder.build("kv", "2", List.of(Map.entry("kv.Label2", label(2)), Map.entry(STORE, store(2))), RELUP);
    }

    /** A node booted on release 1 with three stores bumped to 5, 6 and 7. */
    private ReleaseHandler bootedWithStores(Node node, List<String> names) throws Exception {
        ReleaseHandler rh = ReleaseHandler.open(node, dir.resolve("node"));
        rh.unpackRelease(v1);
        rh.boot();
        rh.unpackRelease(v2);
        return rh;
    }

    private List<Pid> start(Node node, List<String> names) throws Exception {
        CodeServer code = CodeServer.of(node);
        return node.runProcess(() -> {
            List<Pid> pids = names.stream().map(n -> {
                try {
                    return (Pid) code.apply(STORE, "start", n);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            for (int i = 0; i < pids.size(); i++) {
                code.apply(STORE, "bump", pids.get(i), 5 + i);
            }
            return pids;
        });
    }

    private static Object bump(Node node, Pid p, int by) throws Exception {
        return CodeServer.of(node).apply(STORE, "bump", p, by);
    }

    private static String vsnOf(Node node, String module) {
        return CodeServer.of(node).isLoaded(module).map(ModuleVersion::vsn).orElse("not loaded");
    }

    @Test
    void upgradeThenDowngrade_keepsEveryServersState_andAddsAndRemovesModules(Node node) throws Exception {
        // given release 1 booted, three stores running
        ReleaseHandler rh = bootedWithStores(node, List.of());
        List<Pid> stores = start(node, List.of("a", "b", "c"));

        // when the plan for release 2 is checked, nothing changes
        InstallPlan plan = rh.checkInstallRelease("2");
        assertThat(plan.load()).containsExactly("kv.Label2", STORE);
        assertThat(plan.codeChange().get(STORE)).containsExactlyInAnyOrderElementsOf(stores);
        assertThat(plan.purgeKills()).isEmpty();
        assertThat(plan.oldCodeLeft()).isEmpty();
        assertThat(plan.describe()).contains("code change kv.Store: 3 process(es)");
        assertThat(vsnOf(node, STORE)).isEqualTo("1");

        // when release 2 is installed
        ReleaseHandler.Installed up = rh.installRelease("2");

        // then the same servers run version 2 with their counts, changed by codeChange, and the modules moved
        assertThat(up).isEqualTo(new ReleaseHandler.Installed("1", "2", List.of()));
        assertThat(bump(node, stores.get(0), 1)).isEqualTo("v2:6");
        assertThat(Sys.getState(stores.get(2)).toString()).isEqualTo("State[name=c, count=7, upgrades=1]");
        assertThat(vsnOf(node, "kv.Label2")).isNotEqualTo("not loaded");
        assertThat(vsnOf(node, "kv.Label1")).isEqualTo("not loaded");
        assertThat(rh.whichReleases()).extracting(Release::status).containsExactly(ReleaseStatus.PERMANENT, ReleaseStatus.CURRENT);

        // when it is downgraded back to release 1
        ReleaseHandler.Installed down = rh.installRelease("1");

        // then they run version 1 again, state kept
        assertThat(down.from()).isEqualTo("2");
        assertThat(bump(node, stores.get(0), 1)).isEqualTo("v1:7");
        assertThat(Sys.getState(stores.get(1)).toString()).isEqualTo("State[name=b, count=6]");
        assertThat(vsnOf(node, "kv.Label2")).isEqualTo("not loaded");
        assertThat(rh.whichReleases()).extracting(Release::status).containsExactly(ReleaseStatus.PERMANENT, ReleaseStatus.OLD);
    }

    /** Loads release 1's kv.Store again, as a hot patch would: the instance running so far becomes old code. */
    private void reloadStore(Node node) {
        CodeServer.of(node).loadBinary(CodePath.read(dir.resolve("node/lib/kv-1/classes"), STORE).orElseThrow()).orThrow();
    }

    @Test
    void checkWithPurge_removesOldCodeNoProcessRuns_andChangesNothingElse(Node node) throws Exception {
        // given release 1 booted with two stores, and kv.Store loaded again: the stores, idle, run none of its old code
        ReleaseHandler rh = bootedWithStores(node, List.of());
        List<Pid> stores = start(node, List.of("a", "b"));
        reloadStore(node);
        CodeServer code = CodeServer.of(node);

        // when release 2 is checked without the option, the old code stays
        assertThat(rh.checkInstallRelease("2").purged()).isEmpty();
        assertThat(code.oldCode(STORE)).isPresent();

        // when it is checked with purge
        InstallPlan plan = rh.checkInstallRelease("2", ReleaseHandler.CheckOption.PURGE);

        // then the old code is gone, and nothing else changed: the stores answer on version 1, release 2 is unpacked
        assertThat(plan.purged()).containsExactly(STORE);
        assertThat(plan.describe()).contains("purged      kv.Store");
        assertThat(code.oldCode(STORE)).isEmpty();
        assertThat(bump(node, stores.get(0), 1)).isEqualTo("v1:6");
        assertThat(vsnOf(node, STORE)).isEqualTo("1");
        assertThat(rh.whichReleases()).extracting(Release::status).containsExactly(ReleaseStatus.PERMANENT, ReleaseStatus.UNPACKED);
    }

    /** A process in kv.Store's current code, not a server: it stays there. */
    private static Pid inStoreCode(Node node) throws Exception {
        CodeServer code = CodeServer.of(node);
        return node.runProcess(() -> {
            Pid self = Proc.self();
            Pid p = node.spawn(() -> code.apply(STORE, "stayHere", self));
            Proc.receive("here"::equals);
            return p;
        });
    }

    /** A process in kv.Store's code, which loading kv.Store again then makes old code. */
    private Pid inOldStoreCode(Node node) throws Exception {
        Pid inStore = inStoreCode(node);
        reloadStore(node);
        return inStore;
    }

    @Test
    void aProcessLeftInTheOldCode_outlivesTheInstall_andIsKilledByMakePermanent(Node node) throws Exception {
        // given release 1 booted, a store, and a process in kv.Store's code, not a server: no code change moves it
        ReleaseHandler rh = bootedWithStores(node, List.of());
        Pid store = start(node, List.of("a")).getFirst();
        CodeServer code = CodeServer.of(node);
        Pid inStore = inStoreCode(node);

        // when release 2 is installed, whose relup loads kv.Store with a brutal post-purge
        ReleaseHandler.Installed up = rh.installRelease("2");

        // then the soft purge after the load left version 1 for that process, which lives on it
        assertThat(up.unpurged()).containsExactly(STORE);
        assertThat(code.oldCode(STORE).map(code::processesRunning)).hasValue(List.of(inStore));
        assertThat(bump(node, store, 1)).isEqualTo("v2:6");

        // when release 2 is made permanent, the brutal post-purge is done: the process is killed and the old code gone
        rh.makePermanent("2");
        assertThat(node.info(inStore)).isEmpty();
        assertThat(code.oldCode(STORE)).isEmpty();
        assertThat(bump(node, store, 1)).isEqualTo("v2:7");
    }

    @Test
    void checkWithPurge_keepsOldCodeAProcessRuns_andTheProcess(Node node) throws Exception {
        // given release 1 booted and a process in kv.Store's old code
        ReleaseHandler rh = bootedWithStores(node, List.of());
        Pid inStore = inOldStoreCode(node);
        CodeServer code = CodeServer.of(node);

        // when release 2 is checked with purge
        InstallPlan plan = rh.checkInstallRelease("2", ReleaseHandler.CheckOption.PURGE);

        // then the old code and the process are still there
        assertThat(plan.purged()).isEmpty();
        assertThat(code.oldCode(STORE).map(code::processesRunning)).hasValue(List.of(inStore));
        assertThat(node.info(inStore)).isPresent();
    }

    @Test
    void aSoftPrePurgeOfOldCodeAProcessRuns_isRefusedByTheCheckAsByTheInstall(Node node) throws Exception {
        // given release 1 booted, a process in kv.Store's old code, and a release 2 whose relup soft-pre-purges kv.Store
        Path soft = new TestReleases(dir, CodeServer.of(node)).buildRelease("kvsoft", "2",
                List.of(new TestReleases.App("kv", "2", List.of(Map.entry("kv.Label2", label(2)), Map.entry(STORE, store(2))), null)),
                RELUP.replace("{load,{'kv.Store',brutal_purge,brutal_purge}}", "{load,{'kv.Store',soft_purge,brutal_purge}}"));
        ReleaseHandler rh = ReleaseHandler.open(node, dir.resolve("node"));
        rh.unpackRelease(v1);
        rh.boot();
        rh.unpackRelease(soft);
        Pid inStore = inOldStoreCode(node);

        // when release 2 is checked, and installed, each is refused with old_processes, and the process lives
        for (var attempt : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                () -> rh.checkInstallRelease("2"), () -> rh.installRelease("2"))) {
            assertThatThrownBy(attempt).isInstanceOfSatisfying(ReleaseException.class, e -> {
                assertThat(e.getMessage()).contains("kv.Store");
                assertThat(((dev.graft.term.Tuple) e.reason()).get(0)).isEqualTo(Atom.of("old_processes"));
            });
        }
        assertThat(node.info(inStore)).isPresent();
        assertThat(vsnOf(node, STORE)).isEqualTo("1");
    }

    private static final String APPUP = """
            {"2",
             [{"1",[{add_module,'kv.Label2'},{update,'kv.Store',{advanced,[]},['kv.Label2']},{delete_module,'kv.Label1'}]}],
             [{"1",[{add_module,'kv.Label1'},{update,'kv.Store',{advanced,[]},['kv.Label1']},{delete_module,'kv.Label2'}]}]}.
            """;

    @Test
    void aRelupGeneratedFromTheAppup_upgradesAndDowngradesLikeTheHandWrittenOne(Node node) throws Exception {
        // given the relup RelupBuilder makes of kv's appup, in release 2's archive
        Path build1 = dir.resolve("build-kv-1");
        Path build2 = dir.resolve("build-kv-2");
        ReleaseApps r1 = new ReleaseApps(ReleaseSpec.read(build1.resolve("releases/1/kv.rel")),
                List.of(dev.graft.application.AppSpec.read(build1.resolve("lib/kv-1/ebin/kv.app"))));
        ReleaseApps r2 = new ReleaseApps(ReleaseSpec.read(build2.resolve("releases/2/kv.rel")),
                List.of(dev.graft.application.AppSpec.read(build2.resolve("lib/kv-2/ebin/kv.app"))));
        Appup appup = Appup.parse(dev.graft.term.Terms.parse("kv.appup", APPUP).getFirst());
        Relup relup = RelupBuilder.of(r2, Map.of("kv", appup)).upgradeFrom(r1).downgradeTo(r1).build().relup();
        relup.write(build2.resolve("releases/2/relup"));
        Path generated = dir.resolve("kv-2-generated.zip");
        ReleaseArchive.create(generated, build2, ReleaseArchive.filesUnder(build2).stream()
                .filter(f -> !f.endsWith("SHA256SUMS")).toList(), "2");
        ReleaseHandler rh = ReleaseHandler.open(node, dir.resolve("node"));
        rh.unpackRelease(v1);
        rh.boot();
        rh.unpackRelease(generated);
        List<Pid> stores = start(node, List.of("a", "b"));

        // when it is installed, and then release 1 again
        rh.installRelease("2");
        Object up = bump(node, stores.get(1), 1);
        rh.installRelease("1");

        // then the stores went to version 2 and back, their counts kept
        assertThat(up).isEqualTo("v2:7");
        assertThat(bump(node, stores.get(1), 1)).isEqualTo("v1:8");
        assertThat(vsnOf(node, "kv.Label2")).isEqualTo("not loaded");
    }

    @Test
    void aFailingCodeChangeInOneOfManyServers_leavesTheNodeExactlyAsItWas(Node node) throws Exception {
        ReleaseHandler rh = bootedWithStores(node, List.of());
        List<Pid> stores = start(node, List.of("a", "b", "poison", "d"));
        List<Release> before = rh.whichReleases();

        assertThatThrownBy(() -> rh.installRelease("2"))
                .isInstanceOfSatisfying(ReleaseException.class, e -> {
                    assertThat(e.getMessage()).contains("kv.Store", stores.get(2).toString(), "cannot upgrade poison");
                    assertThat(((dev.graft.term.Tuple) e.reason()).get(0)).isEqualTo(Atom.of("code_change_failed"));
                });

        assertThat(vsnOf(node, STORE)).isEqualTo("1");
        assertThat(vsnOf(node, "kv.Label2")).isEqualTo("not loaded");
        assertThat(CodeServer.of(node).oldCode(STORE)).isEmpty();
        for (int i = 0; i < stores.size(); i++) {
            assertThat(bump(node, stores.get(i), 0)).isEqualTo("v1:" + (5 + i));
        }
        assertThat(rh.whichReleases()).isEqualTo(before);
    }

    @Test
    void aNodeThatRestartsBeforeMakePermanent_bootsThePermanentRelease(Node node) throws Exception {
        ReleaseHandler rh = bootedWithStores(node, List.of());
        start(node, List.of("a"));
        rh.installRelease("2");
        // the node dies here; a new one opens the same directory
        try (Node restarted = Node.start("restarted")) {
            ReleaseHandler again = ReleaseHandler.open(restarted, dir.resolve("node"));
            assertThat(again.whichReleases()).extracting(Release::status)
                    .containsExactly(ReleaseStatus.PERMANENT, ReleaseStatus.UNPACKED);
            assertThat(again.boot().vsn()).isEqualTo("1");
            assertThat(vsnOf(restarted, STORE)).isEqualTo("1");
        }
        // while on the first node, make_permanent makes 2 the one a restart boots
        rh.makePermanent("2");
        assertThat(ReleaseHandler.open(node, dir.resolve("node")).whichReleases()).extracting(Release::status)
                .containsExactly(ReleaseStatus.OLD, ReleaseStatus.PERMANENT);
    }

    @Test
    void aNodeKilledInTheMiddleOfAnInstall_bootsThePermanentRelease(Node node) throws Exception {
        // given a releases directory with release 1 permanent and 2 unpacked
        ReleaseHandler rh = bootedWithStores(node, List.of());
        Path root = dir.resolve("node");
        // when another JVM boots it, starts a store whose code change never ends, installs 2 and is killed meanwhile
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InstallAndHang.class.getName(), root.toString())
                .redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("preparing the code change of hang")) {
                // the child's other output
            }
            assertThat(line).as("the child got into the install").isNotNull();
            child.destroyForcibly().waitFor();
        }
        // then the directory still says 1 is permanent, and a node booting from it runs 1
        try (Node restarted = Node.start("after-kill")) {
            ReleaseHandler again = ReleaseHandler.open(restarted, root);
            assertThat(again.whichReleases()).extracting(Release::status)
                    .containsExactly(ReleaseStatus.PERMANENT, ReleaseStatus.UNPACKED);
            assertThat(again.boot().vsn()).isEqualTo("1");
            assertThat(vsnOf(restarted, STORE)).isEqualTo("1");
        }
    }

    /** The child JVM of the test above: boots the directory, starts "hang", installs release 2. */
    public static final class InstallAndHang {
        public static void main(String[] args) throws Exception {
            try (Node node = Node.start("doomed")) {
                ReleaseHandler rh = ReleaseHandler.open(node, Path.of(args[0]));
                rh.boot();
                node.runProcess(() -> CodeServer.of(node).apply(STORE, "start", "hang"));
                rh.installRelease("2");
            }
        }
    }

    @Test
    void installingAnUnknownOrTheInstalledRelease_isRefused(Node node) throws Exception {
        ReleaseHandler rh = bootedWithStores(node, List.of());
        assertThatThrownBy(() -> rh.installRelease("3")).isInstanceOfSatisfying(ReleaseException.class,
                e -> assertThat(e.getMessage()).contains("no release 3"));
        assertThatThrownBy(() -> rh.installRelease("1")).isInstanceOfSatisfying(ReleaseException.class,
                e -> assertThat(e.getMessage()).contains("already installed"));
    }
}
