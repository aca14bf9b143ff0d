package dev.graft.testkit;

import dev.graft.application.AppSpec;
import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import dev.graft.release.Appup;
import dev.graft.release.ReleaseApps;
import dev.graft.release.ReleaseArchive;
import dev.graft.release.ReleaseException;
import dev.graft.release.ReleaseSpec;
import dev.graft.release.Relup;
import dev.graft.release.RelupBuilder;
import dev.graft.release.StartType;
import dev.graft.shell.Shell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A release built from Java sources, for tests: the archive a release builder makes, made in
 * the test from the modules' sources, so that a test of an upgrade can hold both versions of
 * the code side by side, as text. Each module is compiled by the JDK's compiler into
 * {@code lib/APP-VSN/classes}; the {@code .app} and {@code .rel} are written; the relup is made
 * from the applications' appups ({@link RelupBuilder}, systools' rules) to upgrade from and
 * downgrade to each release given to {@link #relupWith}; the result is the checksummed
 * {@code NAME-VSN.zip} that {@link dev.graft.release.ReleaseHandler#unpackRelease} reads.
 *
 * <pre>{@code
 * Path kv1 = ReleaseSources.release("kv", "1")
 *         .application(AppSources.of("kv", "1").callbackModule("kv.KvApp")
 *                 .module("kv.Store", STORE_V1).module("kv.KvApp", KV_APP))
 *         .writeTo(dir);
 * Path kv2 = ReleaseSources.release("kv", "2")
 *         .application(AppSources.of("kv", "2").callbackModule("kv.KvApp")
 *                 .module("kv.Store", STORE_V2).module("kv.KvApp", KV_APP).appup(KV_APPUP))
 *         .relupWith(kv1)
 *         .writeTo(dir);
 * }</pre>
 *
 * A project whose releases come from its build gives the testkit those archives instead; this
 * is for tests that write the versions themselves (a library's own upgrade tests, examples).
 * Not thread-safe: build each release in one thread.
 */
public final class ReleaseSources {
    private final String name;
    private final String vsn;
    private final List<AppSources> applications = new ArrayList<>();
    private final List<Path> relupWith = new ArrayList<>();

    private ReleaseSources(String name, String vsn) {
        this.name = name;
        this.vsn = vsn;
    }

    /** Release {@code name} at version {@code vsn}, with no applications yet. */
    public static ReleaseSources release(String name, String vsn) {
        if (name.isBlank() || vsn.isBlank() || vsn.contains("/")) {
            throw new IllegalArgumentException("a release needs a name and a version usable as a directory name,"
                    + " not \"" + name + "\" \"" + vsn + "\"");
        }
        return new ReleaseSources(name, vsn);
    }

    /** Adds an application; the release starts them in the order added. */
    public ReleaseSources application(AppSources app) {
        if (applications.stream().anyMatch(a -> a.name().equals(app.name()))) {
            throw new IllegalArgumentException("release " + name + " " + vsn + " already has application " + app.name());
        }
        applications.add(app);
        return this;
    }

    /**
     * Makes the release's relup, upgrading from and downgrading to each of {@code releases}
     * (archives or release directories), from the appups of this release's applications.
     */
    public ReleaseSources relupWith(Path... releases) {
        relupWith.addAll(List.of(releases));
        return this;
    }

    /**
     * Builds the release in {@code dir}: the release directory {@code dir/NAME-VSN/}, the
     * sources under {@code dir/NAME-VSN-src/}, and the archive, whose path it returns,
     * {@code dir/NAME-VSN.zip}. They replace what an earlier build left there only once the
     * whole build has succeeded; a build that fails leaves {@code dir} as it was.
     *
     * @throws dev.graft.shell.CompileException   if a module does not compile (every error, with file:line:column)
     * @throws dev.graft.release.RelupException   if the appups cannot make a relup (systools' reason)
     * @throws IllegalArgumentException           if the release has no application, or a release to make the relup with is not one
     */
    public Path writeTo(Path dir) {
        if (applications.isEmpty()) {
            throw new IllegalArgumentException("release " + name + " " + vsn + " has no application; add one with application()");
        }
        String base = name + "-" + vsn;
        Path stage = null;
        try {
            Files.createDirectories(dir);
            stage = Files.createTempDirectory(dir, "." + base + "-");
            Path build = stage.resolve(base);
            List<AppSpec> apps = compile(build, stage.resolve(base + "-src"));
            ReleaseSpec spec = new ReleaseSpec(name, vsn, "graft", applications.stream()
                    .map(a -> new ReleaseSpec.App(a.name(), a.vsn(), StartType.PERMANENT, Optional.empty())).toList());
            Path releaseDir = build.resolve("releases").resolve(vsn);
            Files.createDirectories(releaseDir);
            spec.write(releaseDir.resolve(name + ".rel"));
            if (!relupWith.isEmpty()) {
                relup(new ReleaseApps(spec, apps), stage).write(releaseDir.resolve("relup"));
            }
            ReleaseArchive.create(stage.resolve(base + ".zip"), build, ReleaseArchive.filesUnder(build), vsn);
            for (String built : List.of(base, base + "-src", base + ".zip")) {
                ReleaseFiles.deleteTree(dir.resolve(built));
                Files.move(stage.resolve(built), dir.resolve(built));
            }
            return dir.resolve(base + ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build release " + name + " " + vsn + " in " + dir, e);
        } finally {
            if (stage != null) {
                ReleaseFiles.deleteTree(stage);
            }
        }
    }

    /** Compiles every application's modules into its lib directory and writes its .app and .appup. */
    private List<AppSpec> compile(Path build, Path sources) throws IOException {
        List<AppSpec> specs = new ArrayList<>();
        try (Node compiler = Node.start("release-sources")) { // its code path lets later modules see earlier ones
            CodeServer code = CodeServer.of(compiler);
            for (AppSources app : applications) {
                Path lib = build.resolve("lib").resolve(app.name() + "-" + app.vsn());
                Shell shell = new Shell(code, lib.resolve("classes"));
                for (Map.Entry<String, String> m : app.modules().entrySet()) {
                    Path file = sources.resolve(app.name() + "-" + app.vsn()).resolve(m.getKey().replace('.', '/') + ".java");
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, m.getValue());
                    shell.compile(file);
                }
                AppSpec spec = new AppSpec(app.name(), app.name(), "", app.vsn(), List.copyOf(app.modules().keySet()),
                        OptionalLong.empty(), List.of(), List.of(), List.of(), app.applications(), Map.of(),
                        app.callback().map(m -> new AppSpec.Mod(m, List.of())), Optional.empty(), List.of(), List.of());
                Path ebin = lib.resolve("ebin");
                Files.createDirectories(ebin);
                spec.write(ebin.resolve(app.name() + ".app"));
                Optional<Appup> appup = app.appupSpec();
                if (appup.isPresent()) {
                    appup.get().write(ebin.resolve(app.name() + ".appup"));
                }
                specs.add(spec);
            }
        }
        return specs;
    }

    /** The relup from the appups, up from and down to each release of {@link #relupWith}. */
    private Relup relup(ReleaseApps release, Path stage) throws IOException {
        Map<String, Appup> appups = new LinkedHashMap<>();
        applications.forEach(a -> a.appupSpec().ifPresent(u -> appups.put(a.name(), u)));
        RelupBuilder builder = RelupBuilder.of(release, appups);
        Path scratch = Files.createTempDirectory(stage, "bases");
        for (Path base : relupWith) {
            ReleaseApps apps = ReleaseFiles.readApps(unpacked(base, scratch));
            builder.upgradeFrom(apps).downgradeTo(apps);
        }
        return builder.build().relup();
    }

    /** A release directory of {@code release}: itself, or the archive extracted into {@code scratch}. */
    private static Path unpacked(Path release, Path scratch) throws IOException {
        if (Files.isDirectory(release)) {
            return release;
        }
        Path into = Files.createTempDirectory(scratch, "base");
        try {
            ReleaseArchive.extract(release, into);
        } catch (ReleaseException e) {
            throw new IllegalArgumentException(release + " is not a release archive: " + e.getMessage(), e);
        }
        return into;
    }
}
