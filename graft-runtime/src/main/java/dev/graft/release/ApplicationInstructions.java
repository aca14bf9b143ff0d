package dev.graft.release;

import dev.graft.application.AppSpec;
import dev.graft.release.AppupInstruction.AddApplication;
import dev.graft.release.AppupInstruction.AddModule;
import dev.graft.release.AppupInstruction.LoadModule;
import dev.graft.release.AppupInstruction.RemoveApplication;
import dev.graft.release.AppupInstruction.RestartApplication;
import dev.graft.release.RelupInstruction.Apply;
import dev.graft.release.RelupInstruction.Mfa;
import dev.graft.release.RelupInstruction.Purge;
import dev.graft.release.RelupInstruction.Remove;
import dev.graft.term.Atom;
import dev.graft.term.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The application instructions as module instructions ({@code systools_rc:translate_application_instrs}
 * and {@code translate_add_module_instrs}), each in the place of the instruction it comes from:
 * <ul>
 * <li>{@code {add_application, App, Type}}: {@code add_module} of each module of the application
 *     in the release gone to, then {@code application:start(App, Type)}
 *     ({@code application:load(App)} for {@code load}, nothing for {@code none});
 * <li>{@code {remove_application, App}}: {@code application:stop(App)}, {@code remove} (brutal,
 *     brutal) of each module of the release left, {@code purge} of them all,
 *     {@code application:unload(App)}; the release gone to must not hold the application;
 * <li>{@code {restart_application, App}}: stop, remove and purge the modules of the release left,
 *     {@code add_module} those of the release gone to, and start it with that release's type;
 * <li>{@code add_module}: {@code load_module} brutal, brutal, with the same DepMods.
 * </ul>
 */
final class ApplicationInstructions {
    private static final PurgeMethod BRUTAL = PurgeMethod.BRUTAL_PURGE;

    private ApplicationInstructions() {}

    /**
     * @param appls    the applications of the release gone to
     * @param preAppls the applications of the release left
     */
    static List<Step> translate(List<Step> script, ApplicationList appls, ApplicationList preAppls) {
        List<Step> translated = new ArrayList<>();
        for (Step step : script) {
            switch (step.instruction()) {
                case AddApplication add -> {
                    AppSpec app = find(appls, add.application(), step);
                    translated.addAll(added(step, app));
                    translated.addAll(started(step, app.name(), add.type()));
                }
                case RemoveApplication remove -> {
                    if (appls.find(remove.application()).isPresent()) {
                        throw new RelupException(Tuple.of(Atom.of("removed_application_present"), Atom.of(remove.application())),
                                step, "the release gone to still holds application " + remove.application());
                    }
                    AppSpec app = find(preAppls, remove.application(), step);
                    translated.addAll(removed(step, app));
                    translated.add(step.with(call("unload", Atom.of(app.name()))));
                }
                case RestartApplication restart -> {
                    AppSpec before = find(preAppls, restart.application(), step);
                    AppSpec after = find(appls, restart.application(), step);
                    translated.addAll(removed(step, before));
                    translated.addAll(added(step, after));
                    translated.addAll(started(step, after.name(), appls.type(after.name())));
                }
                case AddModule add -> translated.add(step.with(new LoadModule(add.module(), BRUTAL, BRUTAL, add.depMods())));
                default -> translated.add(step);
            }
        }
        return translated;
    }

    private static AppSpec find(ApplicationList release, String application, Step step) {
        return release.find(application).orElseThrow(() -> new RelupException(
                Tuple.of(Atom.of("no_such_application"), Atom.of(application)), step,
                "release " + release.spec().vsn() + " has no application " + application));
    }

    /** Each module loaded as {@code add_module} loads a new one. */
    private static List<Step> added(Step step, AppSpec app) {
        return app.modules().stream().map(m -> step.with(new LoadModule(m, BRUTAL, BRUTAL, List.of()))).toList();
    }

    /** Stopped, each module removed, then all purged. */
    private static List<Step> removed(Step step, AppSpec app) {
        List<Step> removed = new ArrayList<>();
        removed.add(step.with(call("stop", Atom.of(app.name()))));
        app.modules().forEach(m -> removed.add(step.with(new Remove(m, BRUTAL, BRUTAL))));
        removed.add(step.with(new Purge(app.modules())));
        return removed;
    }

    private static List<Step> started(Step step, String application, StartType type) {
        return switch (type) {
            case NONE -> List.of();
            case LOAD -> List.of(step.with(call("load", Atom.of(application))));
            default -> List.of(step.with(call("start", Atom.of(application), Atom.of(type))));
        };
    }

    private static Apply call(String function, Object... args) {
        return new Apply(new Mfa("application", function, List.of(args)));
    }
}
