package dev.graft.release;

import dev.graft.application.ApplicationController;
import dev.graft.application.Outcome;
import dev.graft.application.RestartType;
import dev.graft.term.Atom;
import java.util.List;

/**
 * What a release does with its applications through the node's application controller: starts
 * them at boot in the {@code .rel}'s order, each by its start type, and carries out the
 * {@code application:load/start/stop/unload} applies a relup makes of {@code add_application},
 * {@code remove_application} and {@code restart_application}.
 */
final class ReleaseApplications {
    private final ReleaseHandler handler;
    private final ApplicationController controller;

    ReleaseApplications(ReleaseHandler handler) {
        this.handler = handler;
        this.controller = ApplicationController.of(handler.node());
    }

    /** Loads and starts the release's applications in its order: OTP's boot script. */
    void boot(Release release, ReleaseSpec spec) throws ReleaseException {
        for (ReleaseSpec.App a : spec.applications()) {
            if (a.type() == StartType.NONE) {
                continue;
            }
            load(release, a.name());
            if (a.type() != StartType.LOAD) {
                done(controller.start(a.name(), RestartType.valueOf(a.type().name())), "start " + a.name());
            }
        }
    }

    /** {@code {apply, {application, F, Args}}} of a relup, for the release being installed. */
    void apply(Release target, String function, List<Object> args) throws ReleaseException {
        String app = ((Atom) args.getFirst()).name();
        switch (function) {
            case "load" -> load(target, app);
            case "start" -> {
                load(target, app);
                RestartType type = args.size() > 1 ? RestartType.valueOf(((Atom) args.get(1)).name().toUpperCase(java.util.Locale.ROOT))
                        : RestartType.TEMPORARY;
                done(controller.start(app, type), "start " + app);
            }
            case "stop" -> done(controller.stop(app), "stop " + app);
            case "unload" -> done(controller.unload(app), "unload " + app);
            default -> throw ReleaseException.of("apply_failed", "application:" + function + " is not one a release applies",
                    function);
        }
    }

    /** Loads the application from the release's lib directory, unless it is loaded. */
    private void load(Release release, String app) throws ReleaseException {
        if (controller.loadedApplications().stream().anyMatch(i -> i.name().equals(app))) {
            return;
        }
        Release.Lib lib = release.libs().stream().filter(l -> l.app().equals(app)).findFirst().orElseThrow(() ->
                ReleaseException.of("no_such_application", "release " + release.vsn() + " has no application " + app, app));
        done(controller.load(handler.readApp(lib)), "load " + app);
    }

    private static void done(Outcome<?> outcome, String what) throws ReleaseException {
        if (outcome instanceof Outcome.Error<?> e) {
            throw new ReleaseException(e.reason(), what + " failed: " + e.reason());
        }
    }
}
