package dev.graft.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.behaviour.Supervisor;
import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.process.Pid;
import dev.graft.sys.Sys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release upgrade of a supervision tree (reference §4.3 and the appup cookbook's "adding a
 * child"): the supervisor's code change merges its new specs, keeping its running children,
 * whose state the same transaction changes; the added child starts by an {@code apply} of
 * restartChild after the commit.
 */
@ExtendWith(NodeExtension.class)
class ReleaseSupervisionTest {
    private static String sup(int vsn) {
        String children = vsn == 1
                ? "ChildSpec.worker(\"a\", () -> Store.startLink(\"a\"), \"kv.Store\"),\n"
                  + "                ChildSpec.worker(\"b\", () -> Store.startLink(\"b\"), \"kv.Store\")"
                : "ChildSpec.worker(\"a\", () -> Store.startLink(\"a\"), \"kv.Store\"),\n"
                  + "                ChildSpec.worker(\"b\", () -> Store.startLink(\"b\"), \"kv.Store\"),\n"
                  + "                ChildSpec.worker(\"c\", () -> Store.startLink(\"c\"), \"kv.Store\")";
        return """
                package kv;

                import dev.graft.behaviour.ChildSpec;
                import dev.graft.behaviour.StartResult;
                import dev.graft.behaviour.Supervisor;

                @dev.graft.code.Vsn("$V")
                public final class Sup implements Supervisor {
                    public static StartResult start() {
                        return Supervisor.start("kvsup", Sup.class, null);
                    }

                    @Override
                    public Init init(Object args) {
                        return Init.of(Flags.of(Strategy.ONE_FOR_ONE),
                            CHILDREN);
                    }
                }
                """.replace("$V", String.valueOf(vsn)).replace("CHILDREN", children);
    }

    private static final String RELUP = """
            {"2",
             [{"1",[],
               [{load_object_code,{kv,"2",['kv.Label2','kv.Store','kv.Sup']}},
                point_of_no_return,
                {load,{'kv.Label2',brutal_purge,brutal_purge}},
                {suspend,['kv.Store','kv.Sup']},
                {load,{'kv.Store',brutal_purge,brutal_purge}},
                {load,{'kv.Sup',brutal_purge,brutal_purge}},
                {code_change,up,[{'kv.Store',[]},{'kv.Sup',[]}]},
                {resume,['kv.Store','kv.Sup']},
                {apply,{'dev.graft.behaviour.Supervisor',restartChild,["kvsup","c"]}}]}],
             [{"1",[],[]}]}.
            """;

    @TempDir
    Path dir;

    @Test
    void theSupervisorKeepsItsChildren_theirStateChanges_andTheAddedChildStarts(Node node) throws Exception {
        upgradeTheTree(node, RELUP);
    }

    @Test
    void aScriptThatChangesTheSupervisorBeforeItsChildren_upgradesTheTreeAllTheSame(Node node) throws Exception {
        // the supervisor holds its prepared change first, and its children must still be found
        upgradeTheTree(node, RELUP.replace("{code_change,up,[{'kv.Store',[]},{'kv.Sup',[]}]}",
                "{code_change,up,[{'kv.Sup',[]},{'kv.Store',[]}]}"));
    }

    private void upgradeTheTree(Node node, String relup) throws Exception {
        // given release 1 booted with its supervisor and two stores
        TestReleases builder = new TestReleases(dir, CodeServer.of(node));
        Path v1 = builder.build("kv", "1", List.of(Map.entry("kv.Label1", ReleaseInstallTest.label(1)),
                Map.entry("kv.Store", ReleaseInstallTest.store(1)), Map.entry("kv.Sup", sup(1))), null);
        Path v2 = builder.build("kv", "2", List.of(Map.entry("kv.Label2", ReleaseInstallTest.label(2)),
                Map.entry("kv.Store", ReleaseInstallTest.store(2)), Map.entry("kv.Sup", sup(2))), relup);
        ReleaseHandler rh = ReleaseHandler.open(node, dir.resolve("node"));
        rh.unpackRelease(v1);
        rh.boot();
        rh.unpackRelease(v2);
        CodeServer code = CodeServer.of(node);
        node.runProcess(() -> code.apply("kv.Sup", "start"));
        List<Supervisor.Child> before = Supervisor.whichChildren(node.whereis("kvsup").orElseThrow());
        Pid a = before.stream().filter(c -> c.id().equals("a")).findFirst().orElseThrow().pid();
        code.apply("kv.Store", "bump", a, 4);

        // when release 2 is installed
        assertThat(rh.checkInstallRelease("2").codeChange().get("kv.Store")).hasSize(2);
        rh.installRelease("2");

        // then a and b are the same processes, on version 2 with their state, and c runs
        List<Supervisor.Child> after = Supervisor.whichChildren(node.whereis("kvsup").orElseThrow());
        assertThat(after).extracting(Supervisor.Child::id).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(after.stream().filter(c -> c.id().equals("a")).findFirst().orElseThrow().pid()).isEqualTo(a);
        assertThat(after).allSatisfy(c -> assertThat(c.pid()).isNotNull());
        assertThat(Sys.getState(a).toString()).isEqualTo("State[name=a, count=4, upgrades=1]");
        assertThat(code.apply("kv.Store", "bump", a, 1)).isEqualTo("v2:5");
    }
}
