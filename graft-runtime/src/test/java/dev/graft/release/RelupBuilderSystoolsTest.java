package dev.graft.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.term.Located;
import dev.graft.term.OtpFixtures;
import dev.graft.term.Terms;
import dev.graft.term.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relup generation against the real systools: each scenario of
 * {@code otp-fixtures/relup} (made by {@code make-relup-fixtures.escript}) holds releases, the
 * {@code systools:make_relup} call made on them, and what it returned; {@link RelupBuilder}
 * given the same files must return the same relup and warnings, or refuse with the same reason.
 */
class RelupBuilderSystoolsTest {
    private static final Path SCENARIOS = OtpFixtures.path("relup");

    static Stream<String> made() throws IOException {
        return scenarios().filter(name -> !name.startsWith("error-"));
    }

    static Stream<String> refused() throws IOException {
        return scenarios().filter(name -> name.startsWith("error-"));
    }

    private static Stream<String> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(SCENARIOS)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(name -> !name.equals("lib")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("made")
    void build_scenarioSystoolsMadeARelupOf_givesThatRelupAndItsWarnings(String scenario) throws IOException {
        // given
        Path dir = SCENARIOS.resolve(scenario);
        List<Located> expected = Terms.readOne(dir.resolve("expected")).elements();
        // when
        RelupBuilder.Result result = builder(dir).build();
        // then
        assertThat(result.relup()).isEqualTo(Relup.parse(expected.get(1)));
        assertThat(result.warnings().stream().map(RelupWarning::toTerm).toList()).isEqualTo(expected.get(2).term());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void build_scenarioSystoolsRefused_refusesWithSystoolsReason(String scenario) throws IOException {
        // given
        Path dir = SCENARIOS.resolve(scenario);
        Object reason = ((Tuple) Terms.readOne(dir.resolve("expected")).term()).get(1);
        RelupBuilder builder = builder(dir);
        // when, then
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(RelupException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** The builder of the scenario's {@code make_relup} call: {@code {TopRel, UpFrom, DownTo, Opts}}. */
    private static RelupBuilder builder(Path dir) throws IOException {
        FixtureReleases files = FixtureReleases.under(dir.resolve("lib"), SCENARIOS.resolve("lib"));
        List<Located> call = Terms.readOne(dir.resolve("make_relup")).elements();
        ReleaseApps top = files.release(rel(dir, call.get(0)));
        RelupBuilder builder = RelupBuilder.of(top, files.appups(top));
        for (Located base : call.get(1).list("UpFrom")) {
            builder.upgradeFrom(files.release(rel(dir, base)), description(base));
        }
        for (Located base : call.get(2).list("DownTo")) {
            builder.downgradeTo(files.release(rel(dir, base)), description(base));
        }
        if (call.get(3).list("Opts").stream().anyMatch(o -> o.isAtom("restart_emulator"))) {
            builder.restartEmulator();
        }
        return builder;
    }

    /** The {@code .rel} file of {@code Name} or {@code {Name, Descr}}. */
    private static Path rel(Path dir, Located release) {
        Located name = release.term() instanceof Tuple ? release.elements().getFirst() : release;
        return dir.resolve("releases").resolve(name.string("the release") + ".rel");
    }

    private static Object description(Located release) {
        return release.term() instanceof Tuple ? release.elements().get(1).term() : List.of();
    }
}
