package dev.graft.release;

import dev.graft.application.AppSpec;
import dev.graft.release.AppupInstruction.AddApplication;
import dev.graft.release.AppupInstruction.RemoveApplication;
import dev.graft.release.RelupInstruction.CodeChange;
import dev.graft.release.RelupInstruction.RestartEmulator;
import dev.graft.release.RelupInstruction.RestartNewEmulator;
import dev.graft.term.Atom;
import dev.graft.term.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a release's relup from the appups of its applications, as
 * {@code systools:make_relup(Rel, UpFrom, DownTo, Opts)} does (OTP 25; reference §6.5):
 * <pre>
 * Relup relup = RelupBuilder.of(kv2, Map.of("kv", kvAppup))
 *         .upgradeFrom(kv1)
 *         .downgradeTo(kv1)
 *         .build()
 *         .relup();
 * </pre>
 * For each release to upgrade from, and each to downgrade to, one script, made of these
 * scripts in this order and translated as one ({@link ScriptTranslator}):
 * <ol>
 * <li>{@code [restart_new_emulator]}, if the runtimes' versions differ (with a warning);
 * <li>{@code [{add_application, App, Type}]} for each application the release gone to holds and
 *     the one left does not, in the order its {@code .rel} names them;
 * <li>the appup script of each application both hold at different versions, in the new
 *     release's start order ({@link StartOrder}): the application's appup in the new release
 *     is read both ways, its first entry whose version matches the other release's version of
 *     the application ({@link VersionMatch}; none is {@code {no_relup, App, Vsn, BaseVsn}});
 * <li>{@code [{remove_application, App}]} for each application the release left holds and
 *     the one gone to does not;
 * <li>{@code [restart_emulator]}, if {@link #restartEmulator()} asked for it.
 * </ol>
 * An upgrade reads object code from the new release's applications, a downgrade from those of
 * the release it goes to. The relup lists its scripts in the reverse order of the releases
 * given, as systools does.
 *
 * <p>{@link #build()} throws a {@link RelupException}, and makes no relup, where systools
 * returns an error; its reason is systools' reason. Two differences, both for checks of the
 * releases rather than of the upgrade: systools refuses a release without sasl
 * ({@code missing_sasl}), which a Graft release need not have; and it moves
 * {@code restart_new_emulator} last for a base release whose sasl predates OTP R15, which no
 * Graft release has.
 */
public final class RelupBuilder {
    /** A release upgraded from or downgraded to, with the term that describes its script in the relup. */
    private record Base(ReleaseApps release, Object description) {}

    /** The relup, and what systools would have warned of, newest first, as systools lists them. */
    public record Result(Relup relup, List<RelupWarning> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private final ReleaseApps release;
    private final Map<String, Appup> appups;
    private final List<Base> upFrom = new ArrayList<>();
    private final List<Base> downTo = new ArrayList<>();
    private boolean restartEmulator;

    private RelupBuilder(ReleaseApps release, Map<String, Appup> appups) {
        this.release = release;
        this.appups = Map.copyOf(appups);
    }

    /**
     * @param release the new release
     * @param appups  the appup of each application of the new release that has one, by application name
     */
    public static RelupBuilder of(ReleaseApps release, Map<String, Appup> appups) {
        for (String app : appups.keySet()) {
            release.spec().application(app).orElseThrow(() -> new IllegalArgumentException(
                    "an appup for application " + app + ", which release " + release.spec().vsn() + " does not hold"));
        }
        return new RelupBuilder(release, appups);
    }

    /** Adds a release to upgrade from, its script described by {@code []}. */
    public RelupBuilder upgradeFrom(ReleaseApps base) {
        return upgradeFrom(base, List.of());
    }

    /** Adds a release to upgrade from, with the term that describes its script ({@code Descr} in relup(5)). */
    public RelupBuilder upgradeFrom(ReleaseApps base, Object description) {
        upFrom.add(new Base(base, description));
        return this;
    }

    /** Adds a release to downgrade to, its script described by {@code []}. */
    public RelupBuilder downgradeTo(ReleaseApps base) {
        return downgradeTo(base, List.of());
    }

    /** Adds a release to downgrade to, with the term that describes its script. */
    public RelupBuilder downgradeTo(ReleaseApps base, Object description) {
        downTo.add(new Base(base, description));
        return this;
    }

    /** Ends every script with {@code restart_emulator}: the node restarts into the release (systools' option {@code restart_emulator}). */
    public RelupBuilder restartEmulator() {
        restartEmulator = true;
        return this;
    }

    /** Makes the relup; a {@link RelupException} where systools would refuse to. */
    public Result build() {
        ApplicationList appls = startOrder(release);
        List<RelupWarning> warnings = new ArrayList<>();
        List<Relup.Script> upgrades = new ArrayList<>();
        upFrom.forEach(base -> upgrades.addFirst(script(CodeChange.Mode.UP, appls, base, warnings)));
        List<Relup.Script> downgrades = new ArrayList<>();
        downTo.forEach(base -> downgrades.addFirst(script(CodeChange.Mode.DOWN, appls, base, warnings)));
        return new Result(new Relup(release.spec().vsn(), upgrades, downgrades), warnings);
    }

    private static ApplicationList startOrder(ReleaseApps release) {
        try {
            return StartOrder.of(release);
        } catch (RelupException e) {
            throw e.in("release " + release.spec().vsn());
        }
    }

    /** The script to upgrade from the base release, or to downgrade to it. */
    private Relup.Script script(CodeChange.Mode mode, ApplicationList appls, Base base, List<RelupWarning> warnings) {
        String vsn = base.release().spec().vsn();
        boolean up = mode == CodeChange.Mode.UP;
        try {
            ApplicationList baseAppls = StartOrder.of(base.release());
            List<List<Step>> scripts = up
                    ? scripts(mode, appls, release, base.release(), warnings)
                    : scripts(mode, appls, base.release(), release, warnings);
            // object code comes from the release gone to
            List<RelupInstruction> instructions = ScriptTranslator.translate(mode, scripts,
                    up ? appls : baseAppls, up ? baseAppls : appls);
            return new Relup.Script(vsn, base.description(), instructions);
        } catch (RelupException e) {
            throw e.in((up ? "upgrading from" : "downgrading to") + " release " + vsn);
        }
    }

    /**
     * The scripts to translate, each the steps of one application ({@code systools_relup}'s
     * {@code foreach_baserel_up} and {@code foreach_baserel_dn}).
     *
     * @param appls the new release's applications in start order, whose appups are read
     * @param to    the release gone to
     * @param from  the release left
     */
    private List<List<Step>> scripts(CodeChange.Mode mode, ApplicationList appls, ReleaseApps to, ReleaseApps from,
                                     List<RelupWarning> warnings) {
        ReleaseApps base = mode == CodeChange.Mode.UP ? from : to;
        List<List<Step>> scripts = new ArrayList<>();
        for (ReleaseSpec.App added : to.spec().applications()) {
            if (from.spec().application(added.name()).isEmpty()) {
                scripts.add(List.of(new Step(added.name(), new AddApplication(added.name(), added.type()))));
            }
        }
        for (AppSpec app : appls.inStartOrder()) {
            Optional<ReleaseSpec.App> other = base.spec().application(app.name());
            if (other.isPresent() && !other.get().vsn().equals(app.vsn())) {
                scripts.add(Step.all(app.name(), appupScript(mode, app, other.get().vsn(), warnings)));
            }
        }
        for (ReleaseSpec.App removed : from.spec().applications()) {
            if (to.spec().application(removed.name()).isEmpty()) {
                scripts.add(List.of(new Step(removed.name(), new RemoveApplication(removed.name()))));
            }
        }
        ReleaseSpec spec = release.spec();
        ReleaseSpec baseSpec = base.spec();
        if (!spec.ertsVsn().equals(baseSpec.ertsVsn())) {
            scripts.addFirst(List.of(new Step("erts", new RestartNewEmulator())));
            warnings.addFirst(new RelupWarning.ErtsVsnChanged(spec.name(), spec.ertsVsn(), baseSpec.name(), baseSpec.ertsVsn()));
        }
        if (restartEmulator) {
            scripts.add(List.of(new Step("erts", new RestartEmulator())));
        }
        return scripts;
    }

    /** The instructions of the application's appup for the other release's version of it ({@code get_script_from_appup}). */
    private List<AppupInstruction> appupScript(CodeChange.Mode mode, AppSpec app, String baseVsn, List<RelupWarning> warnings) {
        Appup appup = appups.get(app.name());
        if (appup == null) {
            throw new RelupException(Tuple.of(Atom.of("no_appup"), Atom.of(app.name())), app.name(), null,
                    "application " + app.name() + " is " + app.vsn() + " in the new release and " + baseVsn
                            + " in the other, and has no appup");
        }
        if (!appup.vsn().equals(app.vsn())) {
            warnings.addFirst(new RelupWarning.AppupVsnDiffers(app.name(), appup.vsn(), app.vsn()));
        }
        Optional<List<AppupInstruction>> script = mode == CodeChange.Mode.UP ? appup.upgradeFrom(baseVsn) : appup.downgradeTo(baseVsn);
        return script.orElseThrow(() -> new RelupException(
                Tuple.of(Atom.of("no_relup"), Atom.of(app.name()), app.vsn(), baseVsn), app.name(), null,
                "the appup of application " + app.name() + " " + app.vsn() + " has no entry "
                        + (mode == CodeChange.Mode.UP ? "to upgrade from" : "to downgrade to") + " version " + baseVsn));
    }
}
