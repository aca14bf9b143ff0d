package dev.graft.bench.upgrade;

import dev.graft.application.AppSpec;
import dev.graft.bench.code.BenchModules;
import dev.graft.process.Node;
import dev.graft.release.Appup;
import dev.graft.release.ReleaseApps;
import dev.graft.release.ReleaseArchive;
import dev.graft.release.ReleaseSpec;
import dev.graft.release.RelupBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The two releases of the release upgrade benchmark, built as a release builder builds them,
 * the counterpart of {@code release_bench.erl}'s build: application {@value #APP} with the
 * modules {@code bench.Counter} (of the release's version), {@code bench.CounterSup} and
 * {@code bench.CounterApp} (version 1 in both), compiled with the JDK's compiler into
 * {@code lib/bench-VSN/classes}; its {@code .app}; in version 2 the appup
 * {@code {update, 'bench.Counter', {advanced, []}}} both ways; each release's {@code .rel}; the
 * relup of release 2, made from the appup by {@link RelupBuilder} (systools' make_relup); and
 * each release's checksummed archive.
 */
final class BenchRelease {
    static final String APP = "bench";
    private static final String MODULES = "['bench.Counter','bench.CounterSup','bench.CounterApp']";
    private static final String APPUP = "{\"2\",[{\"1\",[{update,'bench.Counter',{advanced,[]}}]}],"
            + "[{\"1\",[{update,'bench.Counter',{advanced,[]}}]}]}.\n";

    /** The archives of release 1 and release 2. */
    record Archives(Path v1, Path v2) {}

    private BenchRelease() {}

    /** Builds both releases under {@code dir}, compiling in a node of its own. */
    static Archives build(Path dir) throws IOException {
        try (Node compiler = Node.start("bench-release-build")) {
            Path v1 = dir.resolve("build-1");
            Path v2 = dir.resolve("build-2");
            lib(compiler, v1, 1);
            lib(compiler, v2, 2);
            write(v2.resolve("lib/bench-2/ebin/" + APP + ".appup"), APPUP);
            RelupBuilder.of(apps(v2, 2), Map.of(APP, Appup.read(v2.resolve("lib/bench-2/ebin/" + APP + ".appup"))))
                    .upgradeFrom(apps(v1, 1))
                    .downgradeTo(apps(v1, 1))
                    .build().relup().write(v2.resolve("releases/2/relup"));
            return new Archives(archive(dir, v1, 1), archive(dir, v2, 2));
        }
    }

    /** The application's directory and the release's {@code .rel}, under {@code build}. */
    private static void lib(Node compiler, Path build, int vsn) throws IOException {
        Path lib = build.resolve("lib/" + APP + "-" + vsn);
        BenchModules.compileInto(compiler, vsn, lib, "Counter.java");
        BenchModules.compileInto(compiler, 1, lib, "CounterSup.java", "CounterApp.java");
        write(lib.resolve("ebin/" + APP + ".app"), "{application," + APP + ",[{description,\"the release upgrade benchmark's servers\"},"
                + "{vsn,\"" + vsn + "\"},{modules," + MODULES + "},{registered,[bench_counter_sup]},{applications,[]},"
                + "{mod,{'bench.CounterApp',[]}}]}.\n");
        write(build.resolve("releases/" + vsn + "/" + APP + ".rel"),
                "{release,{\"" + APP + "\",\"" + vsn + "\"},{erts,\"graft\"},[{" + APP + ",\"" + vsn + "\"}]}.\n");
    }

    /** The release as systools reads it for a relup: its {@code .rel} and {@code .app}. */
    private static ReleaseApps apps(Path build, int vsn) throws IOException {
        return new ReleaseApps(ReleaseSpec.read(build.resolve("releases/" + vsn + "/" + APP + ".rel")),
                List.of(AppSpec.read(build.resolve("lib/" + APP + "-" + vsn + "/ebin/" + APP + ".app"))));
    }

    private static Path archive(Path dir, Path build, int vsn) throws IOException {
        Path archive = dir.resolve(APP + "-" + vsn + ".zip");
        ReleaseArchive.create(archive, build, ReleaseArchive.filesUnder(build), String.valueOf(vsn));
        return archive;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
