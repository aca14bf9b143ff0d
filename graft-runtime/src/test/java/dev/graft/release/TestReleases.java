package dev.graft.release;

import dev.graft.code.CodeServer;
import dev.graft.shell.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds real release archives for tests, the way a release builder lays them out: each
 * module's source compiled with the JDK's compiler into {@code lib/APP-VSN/classes}, the
 * {@code .app}, the {@code .rel}, an optional relup, and the checksummed archive. Shared with
 * other modules' tests through graft-runtime's test-jar.
 */
public final class TestReleases {
    private final Path dir;
    private final CodeServer compileWith;

    public TestReleases(Path dir, CodeServer compileWith) {
        this.dir = dir;
        this.compileWith = compileWith;
    }

    /**
     * The archive of release {@code vsn} of app {@code app}: {@code sources} are each module's name and Java
     * source, compiled in that order (a module before those that call it); {@code relup}, if not null, is the text of {@code releases/VSN/relup}.
     */
    public Path build(String app, String vsn, List<Map.Entry<String, String>> sources, String relup) throws IOException {
        return buildRelease(app, vsn, List.of(new App(app, vsn, sources, null)), relup);
    }

    /** An application of a release: its modules' sources, in compile order, and its callback module or null. */
    public record App(String name, String vsn, List<Map.Entry<String, String>> sources, String mod) {}

    /** The archive of release {@code vsn} named {@code release}, holding {@code apps}. */
    public Path buildRelease(String release, String vsn, List<App> apps, String relup) throws IOException {
        Path build = dir.resolve("build-" + release + "-" + vsn);
        for (App app : apps) {
            Path lib = build.resolve("lib/" + app.name() + "-" + app.vsn());
            Shell shell = new Shell(compileWith, lib.resolve("classes"));
            for (Map.Entry<String, String> s : app.sources()) {
                Path file = build.resolve("src/" + s.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, s.getValue());
                shell.compile(file);
            }
            deleteTree(build.resolve("src"));
            String modules = app.sources().stream().map(m -> "'" + m.getKey() + "'").collect(Collectors.joining(","));
            write(lib.resolve("ebin/" + app.name() + ".app"), "{application," + app.name()
                    + ",[{description,\"" + app.name() + "\"},{vsn,\"" + app.vsn() + "\"},{modules,[" + modules
                    + "]},{registered,[]},{applications,[]}"
                    + (app.mod() == null ? "" : ",{mod,{'" + app.mod() + "',[]}}") + "]}.\n");
        }
        String rels = apps.stream().map(a -> "{" + a.name() + ",\"" + a.vsn() + "\"}").collect(Collectors.joining(","));
        write(build.resolve("releases/" + vsn + "/" + release + ".rel"),
                "{release,{\"" + release + "\",\"" + vsn + "\"},{erts,\"graft\"},[" + rels + "]}.\n");
        if (relup != null) {
            write(build.resolve("releases/" + vsn + "/relup"), relup);
        }
        Path archive = dir.resolve(release + "-" + vsn + ".zip");
        ReleaseArchive.create(archive, build, ReleaseArchive.filesUnder(build), vsn);
        return archive;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}
