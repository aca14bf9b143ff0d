package dev.graft.release;

import dev.graft.application.AppSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A release as systools reads it to make a relup: its {@code .rel} and the {@code .app} of
 * each application it names.
 *
 * @param applications one {@code .app} for each application of the release, of the version the
 *                     release names; their order does not matter
 */
public record ReleaseApps(ReleaseSpec spec, List<AppSpec> applications) {
    /** Refuses an application the release does not name, or one it names missing or of another version. */
    public ReleaseApps {
        applications = List.copyOf(applications);
        Map<String, AppSpec> byName = new LinkedHashMap<>();
        for (AppSpec app : applications) {
            ReleaseSpec.App named = spec.application(app.name()).orElseThrow(() -> new IllegalArgumentException(
                    "release " + spec.name() + " " + spec.vsn() + " does not name application " + app.name()));
            if (!named.vsn().equals(app.vsn())) {
                throw new IllegalArgumentException("release " + spec.name() + " " + spec.vsn() + " names " + app.name()
                        + " " + named.vsn() + ", its .app is version " + app.vsn());
            }
            if (byName.put(app.name(), app) != null) {
                throw new IllegalArgumentException("two .app files for application " + app.name());
            }
        }
        for (ReleaseSpec.App named : spec.applications()) {
            if (!byName.containsKey(named.name())) {
                throw new IllegalArgumentException("release " + spec.name() + " " + spec.vsn() + " names application "
                        + named.name() + " " + named.vsn() + ", and there is no .app for it");
            }
        }
    }

    /** The {@code .app} of the application; the release must name it. */
    public AppSpec application(String name) {
        return applications.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("release " + spec.vsn() + " has no application " + name));
    }
}
