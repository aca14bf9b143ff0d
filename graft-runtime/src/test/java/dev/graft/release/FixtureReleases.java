package dev.graft.release;

import dev.graft.application.AppSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code .app} and {@code .appup} files under some folders, as systools finds them on its
 * path: a release's applications by name and version, and an application's appup in the folder
 * of its {@code .app}.
 */
final class FixtureReleases {
    /** By {@code Name-Vsn}. */
    private final Map<String, AppSpec> apps = new HashMap<>();
    /** By the {@code Name-Vsn} of the {@code .app} beside it. */
    private final Map<String, Appup> appups = new HashMap<>();

    private FixtureReleases() {}

    static FixtureReleases under(Path... roots) {
        FixtureReleases releases = new FixtureReleases();
        for (Path root : roots) {
            for (Path file : files(root, ".app")) {
                AppSpec app = read(() -> AppSpec.read(file));
                releases.apps.put(key(app.name(), app.vsn()), app);
                Path appup = file.resolveSibling(app.name() + ".appup");
                if (Files.exists(appup)) {
                    releases.appups.put(key(app.name(), app.vsn()), read(() -> Appup.read(appup)));
                }
            }
        }
        return releases;
    }

    /** The release of the {@code .rel} file, with the {@code .app} of each of its applications. */
    ReleaseApps release(Path relFile) {
        ReleaseSpec spec = read(() -> ReleaseSpec.read(relFile));
        return new ReleaseApps(spec, spec.applications().stream().map(a -> {
            AppSpec app = apps.get(key(a.name(), a.vsn()));
            if (app == null) {
                throw new IllegalStateException("no .app for " + key(a.name(), a.vsn()) + ", which " + relFile + " names");
            }
            return app;
        }).toList());
    }

    /** The appups of the release's applications, those that have one. */
    Map<String, Appup> appups(ReleaseApps release) {
        Map<String, Appup> found = new HashMap<>();
        release.spec().applications().forEach(a -> {
            Appup appup = appups.get(key(a.name(), a.vsn()));
            if (appup != null) {
                found.put(a.name(), appup);
            }
        });
        return found;
    }

    private static String key(String name, String vsn) {
        return name + "-" + vsn;
    }

    private static List<Path> files(Path root, String suffix) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Reader<T> {
        T read() throws IOException;
    }

    private static <T> T read(Reader<T> reader) {
        try {
            return reader.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
