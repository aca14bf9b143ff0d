package dev.graft.application;

import static dev.graft.application.TestApp.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.term.Atom;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** An application's environment: from its {@code .app}, get/set/unset, and load and unload ({@code erl}). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class EnvironmentTest {

    @Test
    void theEnvironment_comesFromTheAppFile_andIsSetAndUnset(Node node) {
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("kv", "{env, [{max_keys, 1024}, {mode, fast}]}")).orThrow();

        assertThat(apps.getEnv("kv", "max_keys")).contains(1024L);
        apps.setEnv("kv", "max_keys", 10L);
        apps.setEnv("kv", "owner", "ops");
        apps.unsetEnv("kv", "mode");

        assertThat(apps.getEnv("kv", "max_keys")).contains(10L);
        assertThat(apps.getEnv("kv", "mode")).isEmpty();
        assertThat(apps.getAllEnv("kv")).containsExactly(Map.entry("max_keys", 10L), Map.entry("owner", "ops"));
        assertThat(apps.getEnv("nobody", "max_keys")).isEmpty();
        assertThat(apps.getAllEnv("nobody")).isEmpty();
    }

    @Test
    void valuesSetBeforeTheLoad_areKept_butTheAppFilesWin(Node node) {
        // given values set for an application that is not loaded yet
        ApplicationController apps = ApplicationController.of(node);
        apps.setEnv("kv", "size", 99L);
        apps.setEnv("kv", "extra", 5L);
        assertThat(apps.getEnv("kv", "size")).contains(99L);
        // when it is loaded with a .app that sets size
        apps.load(spec("kv", "{env, [{color, red}, {size, 1}]}")).orThrow();
        // then the .app's value wins, and the other stays (as OTP 25)
        assertThat(apps.getAllEnv("kv")).containsOnly(
                Map.entry("size", 1L), Map.entry("extra", 5L), Map.entry("color", Atom.of("red")));
    }

    @Test
    void unload_dropsTheEnvironment(Node node) {
        ApplicationController apps = ApplicationController.of(node);
        apps.load(spec("kv", "{env, [{color, red}]}")).orThrow();
        apps.setEnv("kv", "extra", 5L);
        apps.unload("kv").orThrow();
        assertThat(apps.getAllEnv("kv")).isEmpty();
    }
}
