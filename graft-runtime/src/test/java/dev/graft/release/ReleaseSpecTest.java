package dev.graft.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.release.ReleaseSpec.App;
import dev.graft.term.BadTermException;
import dev.graft.term.OtpFixtures;
import dev.graft.term.Terms;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code .rel} file: its four application forms, systools' checks, and the round trip. */
class ReleaseSpecTest {
    private static ReleaseSpec rel(String text) {
        return ReleaseSpec.parse(Terms.parseLocated("kv.rel", text).getFirst());
    }

    @Test
    void read_otpFixture_readsEveryApplication() throws Exception {
        // when
        ReleaseSpec kv2 = ReleaseSpec.read(OtpFixtures.path(OtpFixtures.KV_2_REL));
        // then
        assertThat(kv2.name()).isEqualTo("kv");
        assertThat(kv2.vsn()).isEqualTo("2");
        assertThat(kv2.ertsVsn()).isEqualTo("13.1.5");
        assertThat(kv2.applications()).containsExactly(
                new App("kernel", "8.5.3", StartType.PERMANENT, Optional.empty()),
                new App("stdlib", "4.2", StartType.PERMANENT, Optional.empty()),
                new App("sasl", "4.2", StartType.PERMANENT, Optional.empty()),
                new App("kv", "1.1.0", StartType.PERMANENT, Optional.empty()),
                new App("kvlog", "1.0.0", StartType.LOAD, Optional.empty()));
        assertThat(kv2.application("kvlog")).map(App::type).contains(StartType.LOAD);
        assertThat(kv2.application("mnesia")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {OtpFixtures.KV_1_REL, OtpFixtures.KV_2_REL})
    void readOfWrite_otpFixture_givesTheSameSpec(String name, @TempDir Path dir) throws Exception {
        // given
        ReleaseSpec spec = ReleaseSpec.read(OtpFixtures.path(name));
        Path written = dir.resolve("written.rel");
        // when
        spec.write(written);
        // then
        assertThat(ReleaseSpec.read(written)).isEqualTo(spec);
    }

    @Test
    void parse_everyApplicationForm_isRead() {
        // when
        ReleaseSpec spec = rel("""
                {release, {"r", "1"}, {erts, "13.1.5"},
                 [{a, "1"}, {b, "1", temporary}, {c, "1", [d]}, {d, "1", none, []}, {e, "1", ""}]}.""");
        // then
        assertThat(spec.applications()).containsExactly(
                new App("a", "1", StartType.PERMANENT, Optional.empty()),
                new App("b", "1", StartType.TEMPORARY, Optional.empty()),
                new App("c", "1", StartType.PERMANENT, Optional.of(List.of("d"))),
                new App("d", "1", StartType.NONE, Optional.of(List.of())),
                new App("e", "1", StartType.PERMANENT, Optional.of(List.of())));
        assertThat(ReleaseSpec.parse(spec.toTerm())).isEqualTo(spec);
    }

    @Test
    void toTerm_writesTheShortestFormOfEachApplication() {
        ReleaseSpec spec = rel("{release, {\"r\", \"1\"}, {erts, \"1\"}, [{a, \"1\", permanent}, {b, \"1\", load, [c]}]}.");
        assertThat(Terms.write(spec.toTerm())).isEqualTo("{release,{\"r\",\"1\"},{erts,\"1\"},[{a,\"1\"},{b,\"1\",load,[c]}]}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {release, {"r", "1"}, {erts, "1"}, [{a, "1", forever}]}.   | kv.rel:1:46: the start type of a: expected one of permanent, transient, temporary, load, none, found forever
            {release, {"r", "1"}, {erts, "1"}, [{a, 1}]}.              | kv.rel:1:41: the version of a: expected a string, found 1
            {release, {"r", "1"}, {erts, "1"}, [{"a", "1"}]}.          | kv.rel:1:38: the application's name: expected an atom, found "a"
            {release, {"r", "1"}, {erts, "1"}, [{a, "1", [d], x}]}.    | kv.rel:1:46: the start type of a: expected one of permanent, transient, temporary, load, none, found [d]
            {release, {"r", "1"}, {erts, "1"}, [{a}]}.                 | kv.rel:1:37: an application of a release is {App, Vsn}, {App, Vsn, Type}, {App, Vsn, IncApps} or {App, Vsn, Type, IncApps}, found {a}
            {release, {"r", "1"}, {otp, "1"}, []}.                     | kv.rel:1:24: {erts, EVsn}: expected the atom erts, found otp
            {release, {r, "1"}, {erts, "1"}, []}.                      | kv.rel:1:12: the release's Name: expected a string, found r
            {rel, {"r", "1"}, {erts, "1"}, []}.                        | kv.rel:1:2: a release spec {release, {Name, Vsn}, {erts, EVsn}, [App]} starts with the atom release, found rel
            {release, {"r", "1"}, []}.                                 | kv.rel:1:1: a release spec {release, {Name, Vsn}, {erts, EVsn}, [App]}: expected a tuple of 4, found {release,{"r","1"},[]}
            """)
    void parse_malformedRelease_isRefusedAtTheFault(String text, String message) {
        assertThatThrownBy(() -> rel(text))
                .isInstanceOf(BadTermException.class)
                .hasMessage(message);
    }
}
