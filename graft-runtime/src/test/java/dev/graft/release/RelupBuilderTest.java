package dev.graft.release;

import static dev.graft.release.PurgeMethod.BRUTAL_PURGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.application.AppSpec;
import dev.graft.release.AppupInstruction.Update;
import dev.graft.release.RelupInstruction.Load;
import dev.graft.release.RelupInstruction.LoadObjectCode;
import dev.graft.release.RelupInstruction.PointOfNoReturn;
import dev.graft.release.RelupInstruction.Resume;
import dev.graft.release.RelupInstruction.Suspend;
import dev.graft.term.Atom;
import dev.graft.term.OtpFixtures;
import dev.graft.term.Terms;
import dev.graft.term.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link RelupBuilder} on the relup of the OTP fixture, and on what the systools scenarios of
 * {@link RelupBuilderSystoolsTest} cannot show: the order it chooses where systools' is its
 * tables' hash order, and its errors and checks of the input.
 */
class RelupBuilderTest {
    private static Path fixture(String name) {
        return OtpFixtures.path(name);
    }

    /** An application with no dependencies: {@code {application, Name, [...]}}. */
    private static AppSpec app(String name, String vsn, String... modules) {
        return AppSpec.parse(Terms.parse("app", "{application, " + name + ", [{description, \"\"}, {vsn, \"" + vsn
                + "\"}, {modules, " + Terms.write(Atom.list(Arrays.asList(modules))) + "}, {registered, []}, {applications, []}]}.")
                .getFirst());
    }

    private static ReleaseApps release(String vsn, AppSpec... apps) {
        return new ReleaseApps(new ReleaseSpec("r", vsn, "13.1.5",
                Arrays.stream(apps).map(a -> new ReleaseSpec.App(a.name(), a.vsn(), StartType.PERMANENT, Optional.empty())).toList()),
                List.of(apps));
    }

    private static Appup appup(String text) {
        return Appup.parse(Terms.parseLocated("e.appup", text).getFirst());
    }

    private static Load load(String module) {
        return new Load(module, BRUTAL_PURGE, BRUTAL_PURGE);
    }

    @Test
    void build_otpFixture_givesTheRelupSystoolsMade() throws Exception {
        // given: the files systools made the fixture's relup from
        FixtureReleases files = FixtureReleases.under(fixture("kv-1.0.0"), fixture("kv-1.1.0"), fixture("kvlog-1.0.0"), fixture("otp"));
        ReleaseApps kv2 = files.release(fixture(OtpFixtures.KV_2_REL));
        ReleaseApps kv1 = files.release(fixture(OtpFixtures.KV_1_REL));
        // when
        RelupBuilder.Result result = RelupBuilder.of(kv2, files.appups(kv2)).upgradeFrom(kv1).downgradeTo(kv1).build();
        // then: the same relup, written as systools wrote it but for its coding comment
        assertThat(result.relup()).isEqualTo(Relup.read(fixture(OtpFixtures.RELUP)));
        String otpText = Files.readString(fixture(OtpFixtures.RELUP));
        assertThat(Terms.fileText(List.of(result.relup().toTerm()))).isEqualTo(otpText.substring(otpText.indexOf('\n') + 1));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void build_modulesTheirDependenciesLeaveUnordered_ordersThemAsWritten() {
        // given: s depends on a and b, and neither on the other
        AppSpec e1 = app("e", "1", "s", "a", "b");
        AppSpec e2 = app("e", "2", "s", "a", "b");
        Appup appup = appup("""
                {"2", [{"1", [{update, s, {advanced, x}, [a, b]}, {load_module, a}, {load_module, b}]}], [{"1", []}]}.""");
        // when
        Relup relup = RelupBuilder.of(release("2", e2), Map.of("e", appup)).upgradeFrom(release("1", e1)).build().relup();
        // then: s, then a and b as written; loading reverses that going up
        assertThat(relup.upgradeFrom("1").orElseThrow().instructions()).containsExactly(
                new LoadObjectCode("e", "2", List.of("s", "a", "b")),
                new PointOfNoReturn(),
                new Suspend(List.of(new Suspend.Target("s", Timeout.DEFAULT))),
                load("b"),
                load("a"),
                load("s"),
                new RelupInstruction.CodeChange(RelupInstruction.CodeChange.Mode.UP,
                        List.of(new RelupInstruction.CodeChange.Target("s", Atom.of("x")))),
                new Resume(List.of("s")));
    }

    @Test
    void build_undefinedDependency_namesTheApplicationTheInstructionAndTheReason() {
        // given
        Appup appup = appup("""
                {"2", [{"1", [{update, 'e.M', ['e.Missing']}]}], [{"1", []}]}.""");
        RelupBuilder builder = RelupBuilder.of(release("2", app("e", "2", "e.M")), Map.of("e", appup))
                .upgradeFrom(release("1", app("e", "1", "e.M")));
        // when, then
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(RelupException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Tuple.of(Atom.of("undef_module"), Atom.of("e.Missing")));
                    assertThat(e.application()).contains("e");
                    assertThat(e.instruction()).containsInstanceOf(Update.class);
                })
                .hasMessage("upgrading from release 1: {undef_module,'e.Missing'} in the script of application e, at "
                        + "{update,'e.M',['e.Missing']}: it depends on module e.Missing, which no update, load_module, "
                        + "add_module or delete_module instruction of the release's scripts names");
    }

    @Test
    void build_changedApplicationWithoutAppup_isRefusedNamingIt() {
        // given: e changes version and has no appup
        RelupBuilder builder = RelupBuilder.of(release("2", app("e", "2")), Map.of())
                .downgradeTo(release("1", app("e", "1")));
        // when, then
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(RelupException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Tuple.of(Atom.of("no_appup"), Atom.of("e")));
                    assertThat(e.application()).contains("e");
                    assertThat(e.instruction()).isEmpty();
                })
                .hasMessage("downgrading to release 1: {no_appup,e} in the script of application e: "
                        + "application e is 2 in the new release and 1 in the other, and has no appup");
    }

    @Test
    void build_noEntryForTheVersion_namesTheApplicationAndBothVersions() {
        // given
        Appup appup = appup("""
                {"2", [{"0.9", []}], []}.""");
        RelupBuilder builder = RelupBuilder.of(release("2", app("e", "2")), Map.of("e", appup))
                .upgradeFrom(release("1", app("e", "1")));
        // when, then
        assertThatThrownBy(builder::build)
                .isInstanceOf(RelupException.class)
                .hasMessage("upgrading from release 1: {no_relup,e,\"2\",\"1\"} in the script of application e: "
                        + "the appup of application e 2 has no entry to upgrade from version 1");
    }

    @Test
    void build_unchangedApplications_giveJustThePointOfNoReturn() {
        // given: nothing changes
        ReleaseApps one = release("1", app("e", "1", "e.M"));
        ReleaseApps two = new ReleaseApps(new ReleaseSpec("r", "2", "13.1.5", one.spec().applications()), one.applications());
        // when
        Relup relup = RelupBuilder.of(two, Map.of()).upgradeFrom(one).downgradeTo(one).build().relup();
        // then
        assertThat(relup).isEqualTo(new Relup("2",
                List.of(new Relup.Script("1", List.of(), List.of(new PointOfNoReturn()))),
                List.of(new Relup.Script("1", List.of(), List.of(new PointOfNoReturn())))));
    }

    @Test
    void build_applicationUsingOneTheReleaseLacks_isRefusedNamingTheRelease() {
        // given: e uses ghost, which release 2 does not hold
        AppSpec e = AppSpec.parse(Terms.parse("e.app", """
                {application, e, [{description, ""}, {vsn, "2"}, {modules, []}, {registered, []}, {applications, [ghost]}]}.
                """).getFirst());
        RelupBuilder builder = RelupBuilder.of(release("2", e), Map.of()).upgradeFrom(release("1", app("e", "1")));
        // when, then
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(RelupException.class, ex -> assertThat(ex.application()).isEmpty())
                .hasMessage("release 2: {undefined_applications,[ghost]}: an application of the release uses or includes "
                        + "an application the release does not hold");
    }

    @Test
    void of_appupOfAnApplicationNotInTheRelease_isRefused() {
        // given
        Appup appup = appup("""
                {"2", [], []}.""");
        // when, then
        assertThatThrownBy(() -> RelupBuilder.of(release("2", app("e", "2")), Map.of("f", appup)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an appup for application f, which release 2 does not hold");
    }

    @Test
    void releaseApps_appOfAnotherVersionOrMissing_isRefused() {
        // given
        ReleaseSpec spec = new ReleaseSpec("r", "1", "13.1.5",
                List.of(new ReleaseSpec.App("e", "1", StartType.PERMANENT, Optional.empty())));
        // when, then
        assertThatThrownBy(() -> new ReleaseApps(spec, List.of(app("e", "2"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("release r 1 names e 1, its .app is version 2");
        assertThatThrownBy(() -> new ReleaseApps(spec, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("release r 1 names application e 1, and there is no .app for it");
        assertThatThrownBy(() -> new ReleaseApps(spec, List.of(app("e", "1"), app("f", "1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("release r 1 does not name application f");
    }
}
