package dev.graft.release;

import static dev.graft.release.PurgeMethod.BRUTAL_PURGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.release.AppupInstruction.AddModule;
import dev.graft.release.AppupInstruction.Change;
import dev.graft.release.AppupInstruction.DeleteModule;
import dev.graft.release.AppupInstruction.LoadModule;
import dev.graft.release.AppupInstruction.ModuleType;
import dev.graft.release.AppupInstruction.RestartApplication;
import dev.graft.release.AppupInstruction.Update;
import dev.graft.release.RelupInstruction.Apply;
import dev.graft.release.RelupInstruction.Mfa;
import dev.graft.term.Atom;
import dev.graft.term.BadTermException;
import dev.graft.term.OtpFixtures;
import dev.graft.term.Terms;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code .appup} file: its scripts, exact and regular-expression versions, and the round trip. */
class AppupTest {
    private static final Update SUPERVISOR = new Update("kv.KvSup", ModuleType.STATIC, Timeout.DEFAULT,
            new Change.Advanced(List.of()), BRUTAL_PURGE, BRUTAL_PURGE, List.of());

    private static Appup appup(String text) {
        return Appup.parse(Terms.parseLocated("kv.appup", text).getFirst());
    }

    @Test
    void read_otpFixture_readsEveryScriptWithOtpsDefaults() throws Exception {
        // when
        Appup appup = Appup.read(OtpFixtures.path(OtpFixtures.KV_2_APPUP));
        // then
        VersionMatch anyOneZero = new VersionMatch.Regex("1\\.0\\.[0-9]+");
        assertThat(appup).isEqualTo(new Appup("1.1.0",
                List.of(new Appup.Script(new VersionMatch.Exact("1.0.0"), List.of(
                                new AddModule("kv.KvStats", List.of()),
                                new Update("kv.KvServer", ModuleType.DYNAMIC, Timeout.DEFAULT,
                                        new Change.Advanced(Atom.of("add_stats")), BRUTAL_PURGE, BRUTAL_PURGE, List.of("kv.KvStats")),
                                SUPERVISOR,
                                new LoadModule("kv.KvApp", BRUTAL_PURGE, BRUTAL_PURGE, List.of()),
                                new Apply(new Mfa("kv.KvStats", "reset", List.of())))),
                        new Appup.Script(anyOneZero, List.of(new RestartApplication("kv")))),
                List.of(new Appup.Script(new VersionMatch.Exact("1.0.0"), List.of(
                                new Update("kv.KvServer", ModuleType.DYNAMIC, Timeout.DEFAULT,
                                        new Change.Advanced(Atom.of("drop_stats")), BRUTAL_PURGE, BRUTAL_PURGE, List.of()),
                                SUPERVISOR,
                                new LoadModule("kv.KvApp", BRUTAL_PURGE, BRUTAL_PURGE, List.of()),
                                new DeleteModule("kv.KvStats", List.of()))),
                        new Appup.Script(anyOneZero, List.of(new RestartApplication("kv"))))));
    }

    @Test
    void upgradeFrom_takesTheFirstEntryThatMatches() throws Exception {
        // given: an exact entry for 1.0.0, then a pattern for every 1.0.x
        Appup appup = Appup.read(OtpFixtures.path(OtpFixtures.KV_2_APPUP));
        // then
        assertThat(appup.upgradeFrom("1.0.0")).hasValueSatisfying(script -> assertThat(script).hasSize(5));
        assertThat(appup.upgradeFrom("1.0.7")).contains(List.of(new RestartApplication("kv")));
        assertThat(appup.downgradeTo("1.0.12")).contains(List.of(new RestartApplication("kv")));
        assertThat(appup.upgradeFrom("1.0")).isEmpty();
        assertThat(appup.upgradeFrom("1.0.7-rc1")).as("the whole version must match").isEmpty();
        assertThat(appup.upgradeFrom("0.9.0")).isEmpty();
    }

    @Test
    void matches_regexWhoseFirstMatchIsShorter_doesNotMatch() {
        // given: re:run's first match of "2\.0|2\.0\.0" in "2.0.0" is "2.0" (systools' rule)
        VersionMatch alternatives = new VersionMatch.Regex("2\\.0|2\\.0\\.0");
        // then
        assertThat(alternatives.matches("2.0.0")).isFalse();
        assertThat(alternatives.matches("2.0")).isTrue();
        assertThat(new VersionMatch.Regex("2\\.0\\.0|2\\.0").matches("2.0.0")).isTrue();
    }

    @Test
    void readOfWrite_otpFixture_givesTheSameAppup(@TempDir Path dir) throws Exception {
        // given
        Appup appup = Appup.read(OtpFixtures.path(OtpFixtures.KV_2_APPUP));
        Path written = dir.resolve("kv.appup");
        // when
        appup.write(written);
        // then: the same instructions, in the forms the fixture used
        assertThat(Appup.read(written)).isEqualTo(appup);
        assertThat(appup.toTerm()).isEqualTo(Terms.readOne(OtpFixtures.path(OtpFixtures.KV_2_APPUP)).term());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"2", [{"1", [{frobnicate, m}]}], []}.  | kv.appup:1:15: unknown instruction {frobnicate,m}; an appup instruction is one of update, load_module, add_module, delete_module, add_application, remove_application, restart_application, or a low-level one: load_object_code, point_of_no_return, load, remove, purge, suspend, resume, code_change, stop, start, sync_nodes, apply, restart_new_emulator, restart_emulator
            {"2", [{"1", {load_module, m}}], []}.   | kv.appup:1:14: the Instructions of {UpFromVsn, Instructions}: expected a list, found {load_module,m}
            {"2", [{"1", []}], [{1, []}]}.          | kv.appup:1:22: DownToVsn (a string, or a binary regular expression): expected a string, found 1
            {"2", [{<<"1.(">>, []}], []}.           | kv.appup:1:9: UpFromVsn: <<"1.(">> is not a regular expression: Unclosed group
            {"2", [{"1"}], []}.                     | kv.appup:1:8: {UpFromVsn, Instructions}: expected a tuple of 2, found {"1"}
            {"2", []}.                              | kv.appup:1:1: an appup {Vsn, [{UpFromVsn, Instructions}], [{DownToVsn, Instructions}]}: expected a tuple of 3, found {"2",[]}
            {2, [], []}.                            | kv.appup:1:2: the Vsn of an appup: expected a string, found 2
            """)
    void parse_malformedAppup_isRefusedAtTheFault(String text, String message) {
        assertThatThrownBy(() -> appup(text))
                .isInstanceOf(BadTermException.class)
                .hasMessage(message);
    }
}
