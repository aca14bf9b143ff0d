package dev.graft.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.code.CodeServer;
import dev.graft.code.Lab;
import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.term.Atom;
import dev.graft.term.Tuple;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reference §7.4: a relup that restarts the emulator. A node restarts no JVM in the middle of
 * an install, so such a script is refused before anything changes, saying what to do instead,
 * rather than carried out without its restart.
 */
@ExtendWith(NodeExtension.class)
class ReleaseRestartTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"restart_new_emulator", "restart_emulator"})
    void aRelupThatRestartsTheEmulator_isRefusedBeforeAnythingChanges(String restart, Node node) throws Exception {
        // given release 1 booted and release 2 unpacked, whose relup loads a module and restarts the emulator
        TestReleases builder = new TestReleases(dir, CodeServer.of(node));
        String source = Lab.plain("r.M");
        String script = restart.equals("restart_new_emulator")
                ? "[restart_new_emulator,{load_object_code,{r,\"2\",['r.M']}},point_of_no_return,{load,{'r.M',brutal_purge,brutal_purge}}]"
                : "[{load_object_code,{r,\"2\",['r.M']}},point_of_no_return,{load,{'r.M',brutal_purge,brutal_purge}},restart_emulator]";
        Path v1 = builder.build("r", "1", List.of(Map.entry("r.M", source.replace("$V", "1"))), null);
        Path v2 = builder.build("r", "2", List.of(Map.entry("r.M", source.replace("$V", "2"))),
                "{\"2\",[{\"1\",[]," + script + "}],[]}.\n");
        ReleaseHandler rh = ReleaseHandler.open(node, dir.resolve("node"));
        rh.unpackRelease(v1);
        rh.boot();
        rh.unpackRelease(v2);
        List<Release> before = rh.whichReleases();

        // when it is checked or installed, it is refused, naming the instruction and what to do
        for (ThrowingStep step : List.<ThrowingStep>of(() -> rh.checkInstallRelease("2"), () -> rh.installRelease("2"))) {
            assertThatThrownBy(step::run).isInstanceOfSatisfying(ReleaseException.class, e -> {
                assertThat(e.reason()).isEqualTo(Tuple.of(Atom.of(restart), "2"));
                assertThat(e).hasMessageContaining("stop the node and start it on release 2 instead");
            });
        }

        // and nothing changed
        assertThat(rh.whichReleases()).isEqualTo(before);
        assertThat(CodeServer.of(node).isLoaded("r.M").orElseThrow().vsn()).isEqualTo("1");
    }

    private interface ThrowingStep {
        void run() throws Exception;
    }
}
