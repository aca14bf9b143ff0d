package dev.graft.release;

import static dev.graft.release.PurgeMethod.BRUTAL_PURGE;
import static dev.graft.release.PurgeMethod.SOFT_PURGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.release.RelupInstruction.Apply;
import dev.graft.release.RelupInstruction.CodeChange;
import dev.graft.release.RelupInstruction.Load;
import dev.graft.release.RelupInstruction.LoadObjectCode;
import dev.graft.release.RelupInstruction.Mfa;
import dev.graft.release.RelupInstruction.PointOfNoReturn;
import dev.graft.release.RelupInstruction.Purge;
import dev.graft.release.RelupInstruction.Remove;
import dev.graft.release.RelupInstruction.RestartEmulator;
import dev.graft.release.RelupInstruction.RestartNewEmulator;
import dev.graft.release.RelupInstruction.Resume;
import dev.graft.release.RelupInstruction.Start;
import dev.graft.release.RelupInstruction.Stop;
import dev.graft.release.RelupInstruction.Suspend;
import dev.graft.release.RelupInstruction.SyncNodes;
import dev.graft.release.RelupInstruction.SyncNodesFromCall;
import dev.graft.term.Atom;
import dev.graft.term.BadTermException;
import dev.graft.term.OtpFixtures;
import dev.graft.term.Terms;
import dev.graft.term.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relup file and its low-level instructions (reference §6.4): the relup systools 25 made
 * reads into typed scripts and writes back as systools wrote it; every instruction form reads
 * and writes back; a malformed one is refused at its place.
 */
class RelupTest {
    private static RelupInstruction instruction(String text) {
        return RelupInstruction.parse(Terms.parseLocated("relup", text + ".").getFirst());
    }

    private static Load load(String module) {
        return new Load(module, BRUTAL_PURGE, BRUTAL_PURGE);
    }

    @Test
    void read_relupSystoolsMade_readsTheUpgradeScript() throws Exception {
        // when
        Relup relup = Relup.read(OtpFixtures.path(OtpFixtures.RELUP));
        // then
        assertThat(relup.vsn()).isEqualTo("2");
        Relup.Script up = relup.upgradeFrom("1").orElseThrow();
        assertThat(up.description()).isEqualTo(List.of());
        assertThat(up.instructions()).containsExactly(
                new LoadObjectCode("kvlog", "1.0.0", List.of("kvlog.KvLog")),
                new LoadObjectCode("kv", "1.1.0", List.of("kv.KvServer", "kv.KvStats", "kv.KvSup", "kv.KvApp")),
                new PointOfNoReturn(),
                load("kvlog.KvLog"),
                new Apply(new Mfa("application", "load", List.of(Atom.of("kvlog")))),
                new Suspend(List.of(new Suspend.Target("kv.KvServer", Timeout.DEFAULT))),
                load("kv.KvStats"),
                load("kv.KvServer"),
                new CodeChange(CodeChange.Mode.UP, List.of(new CodeChange.Target("kv.KvServer", Atom.of("add_stats")))),
                new Resume(List.of("kv.KvServer")),
                new Suspend(List.of(new Suspend.Target("kv.KvSup", Timeout.DEFAULT))),
                load("kv.KvSup"),
                new CodeChange(CodeChange.Mode.UP, List.of(new CodeChange.Target("kv.KvSup", List.of()))),
                new Resume(List.of("kv.KvSup")),
                load("kv.KvApp"),
                new Apply(new Mfa("kv.KvStats", "reset", List.of())));
        assertThat(relup.downgradeTo("1").orElseThrow().instructions())
                .contains(new Remove("kv.KvStats", BRUTAL_PURGE, BRUTAL_PURGE), new Purge(List.of("kv.KvStats")))
                .last().isEqualTo(new Apply(new Mfa("application", "unload", List.of(Atom.of("kvlog")))));
        assertThat(relup.upgradeFrom("0")).isEmpty();
    }

    @Test
    void write_relupSystoolsMade_writesTheFileSystoolsWrote(@TempDir Path dir) throws Exception {
        // given
        Path otp = OtpFixtures.path(OtpFixtures.RELUP);
        Relup relup = Relup.read(otp);
        Path written = dir.resolve("relup");
        // when
        relup.write(written);
        // then: the same text, but for the coding comment systools puts first
        String otpText = Files.readString(otp);
        assertThat(Files.readString(written)).isEqualTo(otpText.substring(otpText.indexOf('\n') + 1));
        assertThat(Relup.read(written)).isEqualTo(relup);
    }

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("{load_object_code, {kv, \"1.1.0\", ['kv.A', 'kv.B']}}",
                        new LoadObjectCode("kv", "1.1.0", List.of("kv.A", "kv.B")), "{load_object_code,{kv,\"1.1.0\",['kv.A','kv.B']}}"),
                Arguments.of("point_of_no_return", new PointOfNoReturn(), "point_of_no_return"),
                Arguments.of("{load, {m, brutal_purge, soft_purge}}", new Load("m", BRUTAL_PURGE, SOFT_PURGE), "{load,{m,brutal_purge,soft_purge}}"),
                Arguments.of("{remove, {m, brutal_purge, brutal_purge}}", new Remove("m", BRUTAL_PURGE, BRUTAL_PURGE),
                        "{remove,{m,brutal_purge,brutal_purge}}"),
                Arguments.of("{purge, [m, n]}", new Purge(List.of("m", "n")), "{purge,[m,n]}"),
                Arguments.of("{suspend, [m, {n, 3000}, {o, infinity}, {p, default}]}", new Suspend(List.of(
                                new Suspend.Target("m", Timeout.DEFAULT), new Suspend.Target("n", new Timeout.Millis(3000)),
                                new Suspend.Target("o", Timeout.INFINITY), new Suspend.Target("p", Timeout.DEFAULT))),
                        "{suspend,[m,{n,3000},{o,infinity},p]}"),
                Arguments.of("{resume, [m]}", new Resume(List.of("m")), "{resume,[m]}"),
                Arguments.of("{code_change, [{m, x}]}", new CodeChange(CodeChange.Mode.UP, List.of(new CodeChange.Target("m", Atom.of("x")))),
                        "{code_change,up,[{m,x}]}"),
                Arguments.of("{code_change, down, [{m, []}]}", new CodeChange(CodeChange.Mode.DOWN, List.of(new CodeChange.Target("m", List.of()))),
                        "{code_change,down,[{m,[]}]}"),
                Arguments.of("{stop, [m]}", new Stop(List.of("m")), "{stop,[m]}"),
                Arguments.of("{start, [m]}", new Start(List.of("m")), "{start,[m]}"),
                Arguments.of("{sync_nodes, id1, [a@host, 'b@other.host']}", new SyncNodes(Atom.of("id1"), List.of("a@host", "b@other.host")),
                        "{sync_nodes,id1,[a@host,'b@other.host']}"),
                Arguments.of("{sync_nodes, {x, 1}, {m, nodes, []}}",
                        new SyncNodesFromCall(Tuple.of(Atom.of("x"), 1L), new Mfa("m", "nodes", List.of())), "{sync_nodes,{x,1},{m,nodes,[]}}"),
                Arguments.of("{apply, {application, start, [kvlog, permanent]}}",
                        new Apply(new Mfa("application", "start", List.of(Atom.of("kvlog"), Atom.of("permanent")))),
                        "{apply,{application,start,[kvlog,permanent]}}"),
                Arguments.of("restart_new_emulator", new RestartNewEmulator(), "restart_new_emulator"),
                Arguments.of("restart_emulator", new RestartEmulator(), "restart_emulator"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void parse_everyForm_readsItsInstruction(String written, RelupInstruction instruction, String canonical) {
        assertThat(instruction(written)).isEqualTo(instruction);
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("forms")
    void toTerm_writesTheCanonicalFormThatReadsBackEqual(String written, RelupInstruction instruction, String canonical) {
        assertThat(Terms.write(instruction.toTerm())).isEqualTo(canonical);
        assertThat(RelupInstruction.parse(instruction.toTerm())).isEqualTo(instruction);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {update, m}                         | relup:1:1: update is an appup instruction, which systools translates into low-level ones; a relup holds only load_object_code, point_of_no_return, load, remove, purge, suspend, resume, code_change, stop, start, sync_nodes, apply, restart_new_emulator, restart_emulator, found {update,m}
            {frobnicate, x}                     | relup:1:1: unknown instruction {frobnicate,x}; a relup instruction is one of load_object_code, point_of_no_return, load, remove, purge, suspend, resume, code_change, stop, start, sync_nodes, apply, restart_new_emulator, restart_emulator
            {load, {m, brutal_purge}}           | relup:1:8: {Mod, PrePurge, PostPurge} in {load,{m,brutal_purge}}: expected a tuple of 3, found {m,brutal_purge}
            {load, m, brutal_purge, soft_purge} | relup:1:1: bad instruction {load,m,brutal_purge,soft_purge}: load is written {load, {Mod, PrePurge, PostPurge}}
            {remove, {m, brutal, brutal_purge}} | relup:1:14: PrePurge in {remove,{m,brutal,brutal_purge}}: expected one of soft_purge, brutal_purge, found brutal
            {suspend, [{m, 0}]}                 | relup:1:16: Timeout in {suspend,[{m,0}]}: expected a timeout (default, infinity or a positive integer), found 0
            {suspend, [{m}]}                    | relup:1:12: Mod or {Mod, Timeout} in {suspend,[{m}]}: expected a tuple of 2, found {m}
            {code_change, sideways, []}         | relup:1:15: Mode in {code_change,sideways,[]}: expected one of up, down, found sideways
            {code_change, [m]}                  | relup:1:16: {Mod, Extra} in {code_change,[m]}: expected a tuple of 2, found m
            {apply, {m, f, a}}                  | relup:1:16: A in {apply,{m,f,a}}: expected a list, found a
            {apply, {m, f}}                     | relup:1:9: {M, F, A} in {apply,{m,f}}: expected a tuple of 3, found {m,f}
            {sync_nodes, id, [a], x}            | relup:1:1: bad instruction {sync_nodes,id,[a],x}: sync_nodes is written {sync_nodes, Id, [Node]} or {sync_nodes, Id, {M, F, A}}
            {load_object_code, {kv, 1, [m]}}    | relup:1:25: Vsn in {load_object_code,{kv,1,[m]}}: expected a string, found 1
            {purge, m}                          | relup:1:9: [Mod] in {purge,m}: expected a list, found m
            {restart_emulator, now}             | relup:1:1: bad instruction {restart_emulator,now}: restart_emulator is written restart_emulator
            """)
    void parse_malformedInstruction_isRefusedNamingItAndItsPlace(String text, String message) {
        assertThatThrownBy(() -> instruction(text))
                .isInstanceOf(BadTermException.class)
                .hasMessage(message);
    }

    @Test
    void parse_malformedRelup_isRefusedAtTheFault() {
        assertThatThrownBy(() -> Relup.parse(Terms.parseLocated("relup", "{\"2\", [{\"1\", [point_of_no_return]}], []}.").getFirst()))
                .isInstanceOf(BadTermException.class)
                .hasMessage("relup:1:8: {UpFromVsn, Descr, Instructions}: expected a tuple of 3, found {\"1\",[point_of_no_return]}");
    }
}
