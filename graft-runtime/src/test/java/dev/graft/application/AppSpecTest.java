package dev.graft.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.application.AppSpec.Mod;
import dev.graft.application.AppSpec.StartPhase;
import dev.graft.term.Atom;
import dev.graft.term.BadTermException;
import dev.graft.term.Binary;
import dev.graft.term.OtpFixtures;
import dev.graft.term.Terms;
import dev.graft.term.Tuple;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code .app} file: OTP's keys, defaults and checks (systools 25), and the round trip. */
class AppSpecTest {
    private static final List<String> REQUIRED_ENTRIES = List.of(
            "{description, \"d\"}", "{vsn, \"1\"}", "{modules, [m]}", "{registered, []}", "{applications, [kernel]}");
    private static final String REQUIRED = String.join(", ", REQUIRED_ENTRIES);

    /** The option on line 2 from column 3, then the required keys it does not give on line 3. */
    private static String withRequired(String option) {
        String key = option.substring(0, option.indexOf(',') + 1);
        return option + ",\n  " + String.join(", ", REQUIRED_ENTRIES.stream().filter(e -> !e.startsWith(key)).toList());
    }

    private static AppSpec spec(String options) {
        return AppSpec.parse(Terms.parseLocated("kv.app", "{application, kv,\n [" + options + "]}.").getFirst());
    }

    @Test
    void read_otpFixture_readsEveryKey() throws Exception {
        // when
        AppSpec kv = AppSpec.read(OtpFixtures.path(OtpFixtures.KV_2_APP));
        // then
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("max_keys", 1024L);
        env.put("greeting", Binary.utf8("hello"));
        assertThat(kv).isEqualTo(new AppSpec("kv", "A key-value store", "", "1.1.0",
                List.of("kv.KvApp", "kv.KvSup", "kv.KvServer", "kv.KvStats"), OptionalLong.empty(),
                List.of("kv.KvSup", "kv.KvServer"), List.of(), List.of(), List.of("kernel", "stdlib"), env,
                Optional.of(new Mod("kv.KvApp", List.of())), Optional.empty(), List.of(), List.of()));
        assertThat(kv.env().keySet()).containsExactly("max_keys", "greeting");
    }

    @ParameterizedTest
    @ValueSource(strings = {OtpFixtures.KV_1_APP, OtpFixtures.KV_2_APP, OtpFixtures.KVLOG_APP})
    void readOfWrite_otpFixture_givesTheSameSpec(String name, @TempDir Path dir) throws Exception {
        // given
        AppSpec spec = AppSpec.read(OtpFixtures.path(name));
        Path written = dir.resolve("written.app");
        // when
        spec.write(written);
        // then
        assertThat(AppSpec.read(written)).isEqualTo(spec);
        assertThat(AppSpec.parse(spec.toTerm())).isEqualTo(spec);
    }

    @Test
    void parse_requiredKeysOnly_takesOtpsDefaults() {
        // when
        AppSpec spec = spec(REQUIRED);
        // then: the defaults application:get_all_key/1 shows for a spec without the keys
        assertThat(spec.id()).isEmpty();
        assertThat(spec.maxTime()).isEmpty();
        assertThat(spec.includedApplications()).isEmpty();
        assertThat(spec.optionalApplications()).isEmpty();
        assertThat(spec.env()).isEmpty();
        assertThat(spec.mod()).isEmpty();
        assertThat(spec.startPhases()).isEmpty();
        assertThat(spec.runtimeDependencies()).isEmpty();
        assertThat(spec.otherEntries()).isEmpty();
    }

    @Test
    void parse_everyKey_isRead() {
        // when
        AppSpec spec = spec(REQUIRED + """
                , {id, "kv-1"}, {maxT, 5000}, {included_applications, [kv_inc]},
                {optional_applications, [kv_opt]}, {env, [{a, 1}, {b, {x, "y"}}]},
                {mod, {'kv.KvApp', [start_arg]}}, {start_phases, [{init, []}, {go, x}]},
                {runtime_dependencies, ["kernel-8.0", "stdlib-4.0"]}""");
        // then
        assertThat(spec.id()).isEqualTo("kv-1");
        assertThat(spec.maxTime()).hasValue(5000);
        assertThat(spec.includedApplications()).containsExactly("kv_inc");
        assertThat(spec.optionalApplications()).containsExactly("kv_opt");
        assertThat(spec.env()).containsExactly(Map.entry("a", 1L), Map.entry("b", Tuple.of(Atom.of("x"), "y")));
        assertThat(spec.mod()).contains(new Mod("kv.KvApp", List.of(Atom.of("start_arg"))));
        assertThat(spec.startPhases()).contains(List.of(new StartPhase("init", List.of()), new StartPhase("go", Atom.of("x"))));
        assertThat(spec.runtimeDependencies()).containsExactly("kernel-8.0", "stdlib-4.0");
        assertThat(AppSpec.parse(spec.toTerm())).isEqualTo(spec);
    }

    @Test
    void parse_otpsSpellingsOfDefaultsAndStrings_areTheDefaults() {
        AppSpec spec = spec("""
                {description, []}, {vsn, [$1, $., $0]}, {modules, ""}, {registered, []}, {applications, []},
                {maxT, infinity}, {mod, []}, {start_phases, undefined}""");
        assertThat(spec.description()).isEmpty();
        assertThat(spec.vsn()).isEqualTo("1.0");
        assertThat(spec.modules()).isEmpty();
        assertThat(spec.maxTime()).isEmpty();
        assertThat(spec.mod()).isEmpty();
        assertThat(spec.startPhases()).isEmpty();
    }

    @Test
    void parse_emptyStartPhases_differsFromNone() {
        assertThat(spec(REQUIRED + ", {start_phases, []}").startPhases()).contains(List.of());
    }

    @Test
    void parse_entriesOtpDoesNotRead_areKeptAndWrittenBack() {
        // given: an unknown key, maxP (which OTP ignores) and a bare atom: systools accepts all three
        AppSpec spec = spec(REQUIRED + ", {bogus, 1}, {maxP, 10}, bare");
        // then
        assertThat(spec.otherEntries()).containsExactly(Tuple.of(Atom.of("bogus"), 1L),
                Tuple.of(Atom.of("maxP"), 10L), Atom.of("bare"));
        assertThat(AppSpec.parse(spec.toTerm())).isEqualTo(spec);
    }

    @Test
    void toTerm_writesRequiredKeysAndWhatDiffersFromTheDefaults() {
        assertThat(Terms.write(spec(REQUIRED + ", {id, \"\"}, {maxT, infinity}, {env, []}").toTerm())).isEqualTo(
                "{application,kv,[{description,\"d\"},{vsn,\"1\"},{modules,[m]},{registered,[]},{applications,[kernel]}]}");
    }

    @Test
    void parse_missingRequiredKey_namesItAtTheSpec() {
        assertThatThrownBy(() -> spec("{description, \"d\"}, {vsn, \"1\"}, {modules, []}, {applications, []}"))
                .isInstanceOf(BadTermException.class)
                .hasMessage("kv.app:1:1: application kv has no {registered, ...}; "
                        + "systools requires description, vsn, modules, registered and applications");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {description, 1}                    | kv.app:2:17: description: expected a string, found 1
            {vsn, <<"1">>}                      | kv.app:2:9: vsn: expected a string, found <<"1">>
            {id, x}                             | kv.app:2:8: id: expected a string, found x
            {modules, ["kv"]}                   | kv.app:2:14: modules: expected an atom, found "kv"
            {registered, [a, "b"]}              | kv.app:2:20: registered: expected an atom, found "b"
            {included_applications, [1]}        | kv.app:2:28: included_applications: expected an atom, found 1
            {optional_applications, opt}        | kv.app:2:27: optional_applications: expected a list, found opt
            {maxT, 0}                           | kv.app:2:10: maxT: expected a positive integer (milliseconds) or infinity, found 0
            {env, [a]}                          | kv.app:2:10: env entry {Par, Val}: expected a tuple of 2, found a
            {env, [{"a", 1}]}                   | kv.app:2:11: env parameter: expected an atom, found "a"
            {env, [{a, 1}, {a, 2}]}             | kv.app:2:18: env parameter a given twice in application kv
            {mod, foo}                          | kv.app:2:9: mod, {Module, StartArgs} or []: expected a tuple of 2, found foo
            {mod, {"m", []}}                    | kv.app:2:10: the module of mod: expected an atom, found "m"
            {start_phases, [a]}                 | kv.app:2:19: start phase {Phase, PhaseArgs}: expected a tuple of 2, found a
            {runtime_dependencies, [kernel]}    | kv.app:2:27: runtime_dependencies: expected a string, found kernel
            {vsn, "1", extra}                   | kv.app:2:3: {vsn, Value}: expected a tuple of 2, found {vsn,"1",extra}
            """)
    void parse_badValue_namesTheKeyAndItsPlace(String option, String message) {
        assertThatThrownBy(() -> spec(withRequired(option)))
                .isInstanceOf(BadTermException.class)
                .hasMessage(message);
    }

    @Test
    void parseSource_theBuildListsTheModules_andOnlyVsnIsRequired() {
        AppSpec spec = AppSpec.parseSource(Terms.parseLocated("kv.app.src", "{application, kv, [{vsn, \"1\"}]}.").getFirst(),
                List.of("kv.KvApp", "kv.Store"));

        assertThat(spec.modules()).containsExactly("kv.KvApp", "kv.Store");
        assertThat(spec.description()).isEmpty();
        assertThat(spec.registered()).isEmpty();
        assertThat(spec.applications()).isEmpty();
    }

    @Test
    void parseSource_modulesWritten_orNoVsn_isRefusedAtItsPlace() {
        assertThatThrownBy(() -> AppSpec.parseSource(Terms.parseLocated("kv.app.src",
                "{application, kv,\n [{vsn, \"1\"}, {modules, [m]}]}.").getFirst(), List.of()))
                .hasMessage("kv.app.src:2:15: the modules of application kv are listed by the build, from its classes; "
                        + "remove {modules, ...}");
        assertThatThrownBy(() -> AppSpec.parseSource(Terms.parseLocated("kv.app.src",
                "{application, kv, [{description, \"d\"}]}.").getFirst(), List.of()))
                .hasMessage("kv.app.src:1:1: application kv has no {vsn, \"...\"}");
    }

    @Test
    void parse_keyGivenTwice_isRefusedAtTheSecond() {
        // OTP takes the first silently; Graft refuses, naming both places
        assertThatThrownBy(() -> spec("{vsn, \"2\"},\n  " + REQUIRED))
                .isInstanceOf(BadTermException.class)
                .hasMessage("kv.app:3:23: vsn given twice in application kv; the first is at kv.app:2:3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {application, "kv", []}.            | kv.app:1:15: the application name: expected an atom, found "kv"
            {app, kv, []}.                      | kv.app:1:2: an application spec is {application, Name, [Option]}, found app where the atom application should be
            {application, kv}.                  | kv.app:1:1: an application spec {application, Name, [Option]}: expected a tuple of 3, found {application,kv}
            {application, kv, vsn}.             | kv.app:1:19: the options of application kv: expected a list, found vsn
            """)
    void parse_notAnApplicationSpec_isRefused(String text, String message) {
        assertThatThrownBy(() -> AppSpec.parse(Terms.parseLocated("kv.app", text).getFirst()))
                .isInstanceOf(BadTermException.class)
                .hasMessage(message);
    }
}
