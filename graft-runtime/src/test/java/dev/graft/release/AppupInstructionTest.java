package dev.graft.release;

import static dev.graft.release.PurgeMethod.BRUTAL_PURGE;
import static dev.graft.release.PurgeMethod.SOFT_PURGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.release.AppupInstruction.AddApplication;
import dev.graft.release.AppupInstruction.AddModule;
import dev.graft.release.AppupInstruction.Change;
import dev.graft.release.AppupInstruction.DeleteModule;
import dev.graft.release.AppupInstruction.LoadModule;
import dev.graft.release.AppupInstruction.ModuleType;
import dev.graft.release.AppupInstruction.RemoveApplication;
import dev.graft.release.AppupInstruction.RestartApplication;
import dev.graft.release.AppupInstruction.Update;
import dev.graft.release.RelupInstruction.Apply;
import dev.graft.release.RelupInstruction.CodeChange;
import dev.graft.release.RelupInstruction.Mfa;
import dev.graft.release.RelupInstruction.PointOfNoReturn;
import dev.graft.term.Atom;
import dev.graft.term.BadTermException;
import dev.graft.term.Terms;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Appup instructions: every form systools takes reads into its canonical record with OTP's
 * defaults (reference §6.3, {@code systools_rc:expand_script}), is written back in its
 * shortest form, and a malformed one is refused naming it and its place.
 */
class AppupInstructionTest {
    private static final Atom X = Atom.of("x");

    private static AppupInstruction instruction(String text) {
        return AppupInstruction.parse(Terms.parseLocated("kv.appup", text + ".").getFirst());
    }

    private static Update update(ModuleType type, Timeout timeout, Change change, PurgeMethod pre, PurgeMethod post, List<String> deps) {
        return new Update("m", type, timeout, change, pre, post, deps);
    }

    static Stream<Arguments> forms() {
        ModuleType dynamic = ModuleType.DYNAMIC;
        Change soft = Change.SOFT;
        Change advancedX = new Change.Advanced(X);
        Timeout dflt = Timeout.DEFAULT;
        Update supervisor = update(ModuleType.STATIC, dflt, new Change.Advanced(List.of()), BRUTAL_PURGE, BRUTAL_PURGE, List.of());
        return Stream.of(
                Arguments.of("{update, m}", update(dynamic, dflt, soft, BRUTAL_PURGE, BRUTAL_PURGE, List.of()), "{update,m}"),
                Arguments.of("{update, m, soft}", update(dynamic, dflt, soft, BRUTAL_PURGE, BRUTAL_PURGE, List.of()), "{update,m}"),
                Arguments.of("{update, m, supervisor}", supervisor, "{update,m,supervisor}"),
                Arguments.of("{update, m, static, default, {advanced, []}, brutal_purge, brutal_purge, []}", supervisor,
                        "{update,m,supervisor}"),
                Arguments.of("{update, m, {advanced, []}}",
                        update(dynamic, dflt, new Change.Advanced(List.of()), BRUTAL_PURGE, BRUTAL_PURGE, List.of()),
                        "{update,m,{advanced,[]}}"),
                Arguments.of("{update, m, {advanced, x}}", update(dynamic, dflt, advancedX, BRUTAL_PURGE, BRUTAL_PURGE, List.of()),
                        "{update,m,{advanced,x}}"),
                Arguments.of("{update, m, [d]}", update(dynamic, dflt, soft, BRUTAL_PURGE, BRUTAL_PURGE, List.of("d")), "{update,m,[d]}"),
                Arguments.of("{update, m, soft, [d]}", update(dynamic, dflt, soft, BRUTAL_PURGE, BRUTAL_PURGE, List.of("d")), "{update,m,[d]}"),
                Arguments.of("{update, m, {advanced, x}, [d]}", update(dynamic, dflt, advancedX, BRUTAL_PURGE, BRUTAL_PURGE, List.of("d")),
                        "{update,m,{advanced,x},[d]}"),
                Arguments.of("{update, m, {advanced, x}, soft_purge, brutal_purge, [d]}",
                        update(dynamic, dflt, advancedX, SOFT_PURGE, BRUTAL_PURGE, List.of("d")),
                        "{update,m,{advanced,x},soft_purge,brutal_purge,[d]}"),
                Arguments.of("{update, m, 3000, soft, brutal_purge, brutal_purge, []}",
                        update(dynamic, new Timeout.Millis(3000), soft, BRUTAL_PURGE, BRUTAL_PURGE, List.of()),
                        "{update,m,3000,soft,brutal_purge,brutal_purge,[]}"),
                Arguments.of("{update, m, dynamic, infinity, soft, brutal_purge, brutal_purge, []}",
                        update(dynamic, Timeout.INFINITY, soft, BRUTAL_PURGE, BRUTAL_PURGE, List.of()),
                        "{update,m,infinity,soft,brutal_purge,brutal_purge,[]}"),
                Arguments.of("{update, m, dynamic, default, soft, brutal_purge, brutal_purge, []}",
                        update(dynamic, dflt, soft, BRUTAL_PURGE, BRUTAL_PURGE, List.of()), "{update,m}"),
                Arguments.of("{update, m, static, 5000, soft, soft_purge, soft_purge, [d]}",
                        update(ModuleType.STATIC, new Timeout.Millis(5000), soft, SOFT_PURGE, SOFT_PURGE, List.of("d")),
                        "{update,m,static,5000,soft,soft_purge,soft_purge,[d]}"),
                Arguments.of("{load_module, 'kv.KV'}", new LoadModule("kv.KV", BRUTAL_PURGE, BRUTAL_PURGE, List.of()),
                        "{load_module,'kv.KV'}"),
                Arguments.of("{load_module, m, [d]}", new LoadModule("m", BRUTAL_PURGE, BRUTAL_PURGE, List.of("d")), "{load_module,m,[d]}"),
                Arguments.of("{load_module, m, brutal_purge, brutal_purge, [d]}",
                        new LoadModule("m", BRUTAL_PURGE, BRUTAL_PURGE, List.of("d")), "{load_module,m,[d]}"),
                Arguments.of("{load_module, m, soft_purge, brutal_purge, []}",
                        new LoadModule("m", SOFT_PURGE, BRUTAL_PURGE, List.of()), "{load_module,m,soft_purge,brutal_purge,[]}"),
                Arguments.of("{add_module, m}", new AddModule("m", List.of()), "{add_module,m}"),
                Arguments.of("{add_module, m, [d]}", new AddModule("m", List.of("d")), "{add_module,m,[d]}"),
                Arguments.of("{delete_module, m}", new DeleteModule("m", List.of()), "{delete_module,m}"),
                Arguments.of("{delete_module, m, [d]}", new DeleteModule("m", List.of("d")), "{delete_module,m,[d]}"),
                Arguments.of("{add_application, a}", new AddApplication("a", StartType.PERMANENT), "{add_application,a}"),
                Arguments.of("{add_application, a, permanent}", new AddApplication("a", StartType.PERMANENT), "{add_application,a}"),
                Arguments.of("{add_application, a, load}", new AddApplication("a", StartType.LOAD), "{add_application,a,load}"),
                Arguments.of("{remove_application, a}", new RemoveApplication("a"), "{remove_application,a}"),
                Arguments.of("{restart_application, a}", new RestartApplication("a"), "{restart_application,a}"),
                // low-level instructions an appup may hold
                Arguments.of("point_of_no_return", new PointOfNoReturn(), "point_of_no_return"),
                Arguments.of("{apply, {m, f, [1]}}", new Apply(new Mfa("m", "f", List.of(1L))), "{apply,{m,f,[1]}}"),
                Arguments.of("{code_change, [{m, x}]}", new CodeChange(CodeChange.Mode.UP, List.of(new CodeChange.Target("m", X))),
                        "{code_change,up,[{m,x}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void parse_everyForm_readsTheCanonicalInstruction(String written, AppupInstruction canonical, String shortest) {
        assertThat(instruction(written)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("forms")
    void toTerm_writesTheShortestFormThatReadsBackEqual(String written, AppupInstruction canonical, String shortest) {
        assertThat(Terms.write(canonical.toTerm())).isEqualTo(shortest);
        assertThat(AppupInstruction.parse(canonical.toTerm())).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {load_module, m, a, b}                                      | kv.appup:1:1: bad instruction {load_module,m,a,b}: load_module is written {load_module, Mod}, {load_module, Mod, DepMods} or {load_module, Mod, PrePurge, PostPurge, DepMods}
            {load_module, m, soft, brutal_purge, []}                    | kv.appup:1:18: PrePurge in {load_module,m,soft,brutal_purge,[]}: expected one of soft_purge, brutal_purge, found soft
            {load_module, "m"}                                          | kv.appup:1:15: Mod in {load_module,"m"}: expected an atom, found "m"
            {update, m, supervisor, []}                                 | kv.appup:1:13: Change in {update,m,supervisor,[]}: expected soft or {advanced, Extra}, found supervisor (a supervisor is updated with {update, Mod, supervisor})
            {update, m, foo}                                            | kv.appup:1:13: Change in {update,m,foo}: expected soft or {advanced, Extra}, found foo
            {update, m, 0, soft, brutal_purge, brutal_purge, []}        | kv.appup:1:13: Timeout in {update,m,0,soft,brutal_purge,brutal_purge,[]}: expected a timeout (default, infinity or a positive integer), found 0
            {update, m, both, default, soft, brutal_purge, brutal_purge, []} | kv.appup:1:13: ModType in {update,m,both,default,soft,brutal_purge,brutal_purge,[]}: expected one of static, dynamic, found both
            {update, m, soft, brutal_purge, brutal_purge, [d, "e"]}     | kv.appup:1:51: DepMods in {update,m,soft,brutal_purge,brutal_purge,[d,"e"]}: expected an atom, found "e"
            {update, m, {advanced, x}, soft_purge, brutal_purge}        | kv.appup:1:1: bad instruction {update,m,{advanced,x},soft_purge,brutal_purge}: update is written {update, Mod}, {update, Mod, supervisor}, {update, Mod, Change}, {update, Mod, DepMods}, {update, Mod, Change, DepMods}, {update, Mod, Change, PrePurge, PostPurge, DepMods}, {update, Mod, Timeout, Change, PrePurge, PostPurge, DepMods} or {update, Mod, ModType, Timeout, Change, PrePurge, PostPurge, DepMods}
            {add_application, a, forever}                               | kv.appup:1:22: Type in {add_application,a,forever}: expected one of permanent, transient, temporary, load, none, found forever
            {remove_application, a, b}                                  | kv.appup:1:1: bad instruction {remove_application,a,b}: remove_application is written {remove_application, App}
            {point_of_no_return}                                        | kv.appup:1:1: bad instruction {point_of_no_return}: point_of_no_return is written point_of_no_return
            update                                                      | kv.appup:1:1: bad instruction update: update is written {update, Mod}, {update, Mod, supervisor}, {update, Mod, Change}, {update, Mod, DepMods}, {update, Mod, Change, DepMods}, {update, Mod, Change, PrePurge, PostPurge, DepMods}, {update, Mod, Timeout, Change, PrePurge, PostPurge, DepMods} or {update, Mod, ModType, Timeout, Change, PrePurge, PostPurge, DepMods}
            "update"                                                    | kv.appup:1:1: expected an instruction, an atom or a tuple that starts with one, found "update"
            mnesia_backup                                               | kv.appup:1:1: unknown instruction mnesia_backup; an appup instruction is one of update, load_module, add_module, delete_module, add_application, remove_application, restart_application, or a low-level one: load_object_code, point_of_no_return, load, remove, purge, suspend, resume, code_change, stop, start, sync_nodes, apply, restart_new_emulator, restart_emulator
            """)
    void parse_malformedInstruction_isRefusedNamingItAndItsPlace(String text, String message) {
        assertThatThrownBy(() -> instruction(text))
                .isInstanceOf(BadTermException.class)
                .hasMessage(message);
    }
}
