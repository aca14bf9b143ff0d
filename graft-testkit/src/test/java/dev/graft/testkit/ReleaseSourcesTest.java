package dev.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.release.ReleaseArchive;
import dev.graft.release.RelupException;
import dev.graft.shell.CompileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ReleaseSources builds the archive a release builder makes, and refuses bad input saying what and where. */
class ReleaseSourcesTest {
    @TempDir
    Path dir;

    @Test
    void aRelease_isAVerifiedArchiveOfItsCompiledModulesAppFileRelFileAndRelup() throws Exception {
        Path kv1 = KvReleases.release1(dir);
        Path kv2 = KvReleases.release2(dir, kv1, KvReleases.Flaw.NONE);

        assertThat(kv2).isEqualTo(dir.resolve("kv-2.zip"));
        assertThat(ReleaseArchive.verify(kv2).digests()).containsKeys("lib/kv-2/ebin/kv.app", "lib/kv-2/ebin/kv.appup",
                "lib/kv-2/classes/kv/Store.class", "lib/kv-2/classes/kv/Store$State.class", "lib/kv-2/classes/kv/Audit.class",
                "releases/2/kv.rel", "releases/2/relup");
        assertThat(Files.readString(dir.resolve("kv-2/releases/2/relup"))).contains("'kv.Audit'", "{code_change,up,");
        assertThat(dir.resolve("kv-2-src/kv-2/kv/Store.java")).exists();
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "kv-1", "kv-1-src", "kv-1.zip", "kv-2", "kv-2-src", "kv-2.zip");
        }
    }

    @Test
    void aModuleThatDoesNotCompile_failsTheBuild_namingTheLine_andLeavesTheDirectoryAsItWas() throws Exception {
        Path kv1 = KvReleases.release1(dir);
        byte[] before = Files.readAllBytes(kv1);
        ReleaseSources broken = ReleaseSources.release("kv", "1").application(AppSources.of("kv", "1")
                .module("kv.Label", "package kv;\n\npublic final class Label {\n    int x = \"no\";\n}\n"));

        assertThatThrownBy(() -> broken.writeTo(dir)).isInstanceOfSatisfying(CompileException.class, e ->
                assertThat(e.diagnostics()).singleElement().asString().contains("kv/Label.java:4:").contains("incompatible types"));

        assertThat(Files.readAllBytes(kv1)).isEqualTo(before);
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("kv-1", "kv-1-src", "kv-1.zip");
        }
    }

    @Test
    void anAppupNamingAModuleNoApplicationHas_isRefusedWithSystoolsReason() {
        Path kv1 = KvReleases.release1(dir);
        ReleaseSources release = ReleaseSources.release("kv", "2").application(AppSources.of("kv", "2")
                .module("kv.Label", KvReleases.label(2))
                .appup("{\"2\", [{\"1\", [{load_module, 'kv.Label', ['kv.Nope']}]}], [{\"1\", []}]}."))
                .relupWith(kv1);

        assertThatThrownBy(() -> release.writeTo(dir)).isInstanceOf(RelupException.class).hasMessageContaining("kv.Nope");
        assertThat(dir.resolve("kv-2.zip")).doesNotExist();
    }

    @Test
    void badDeclarations_areRefusedAtOnce_sayingWhatIsWrong() {
        assertThatThrownBy(() -> AppSources.of("kv", "2").appup("{\"3\", [], []}."))
                .hasMessage("kv.appup is for version 3 of kv, not 2");
        assertThatThrownBy(() -> AppSources.of("kv", "2").appup("{\"2\", [], [] "))
                .hasMessageContaining("kv.appup:1:");
        assertThatThrownBy(() -> AppSources.of("kv", "1").module("Store", "class Store {}"))
                .hasMessageContaining("a module is named by its class's binary name with its package (kv.Store), not \"Store\"");
        assertThatThrownBy(() -> AppSources.of("kv", "1").module("kv.Store", "").module("kv.Store", ""))
                .hasMessage("application kv already has module kv.Store");
        assertThatThrownBy(() -> ReleaseSources.release("kv", "1").writeTo(dir))
                .hasMessage("release kv 1 has no application; add one with application()");
    }
}
