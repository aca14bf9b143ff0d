package dev.graft.builder;

import dev.graft.application.AppSpec;
import dev.graft.release.ReleaseApps;
import dev.graft.release.ReleaseArchive;
import dev.graft.release.ReleaseException;
import dev.graft.release.ReleaseSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A release as the builder sees it: its {@code .rel}, each application's {@code .app} and
 * modules, and its shared classes. Made from the inputs of a build, or read back from a
 * release built before (its directory or its archive), for an upgrade.
 */
record ReleaseBuild(ReleaseSpec spec, List<AppBuild> apps, SharedClasses shared) {
    ReleaseBuild {
        apps = List.copyOf(apps);
    }

    Optional<AppBuild> app(String name) {
        return apps.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The release as {@link dev.graft.release.RelupBuilder} reads it. */
    ReleaseApps releaseApps() {
        return new ReleaseApps(spec, apps.stream().map(AppBuild::spec).toList());
    }

    /**
     * Reads release {@code vsn} from {@code from}: a release directory (its root, holding
     * {@code releases/VSN}) or a release archive, whose checksums are verified first.
     */
    static ReleaseBuild read(Path from, String vsn) throws BuildException {
        if (Files.isRegularFile(from)) {
            return readArchive(from, vsn);
        }
        if (!Files.isDirectory(from)) {
            throw new BuildException("the previous release " + from + " is neither a release directory nor an archive");
        }
        Path dir = from.resolve("releases").resolve(vsn);
        if (!Files.isDirectory(dir)) {
            throw new BuildException("there is no release " + vsn + " in " + from + " to upgrade from; it holds "
                    + (versions(from).isEmpty() ? "no release" : "release(s) " + String.join(", ", versions(from))));
        }
        return readDirectory(from, vsn);
    }

    private static ReleaseBuild readArchive(Path archive, String vsn) throws BuildException {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("graft-previous-");
            ReleaseArchive.Contents contents = ReleaseArchive.extract(archive, tmp);
            if (!contents.vsn().equals(vsn)) {
                throw new BuildException("the archive " + archive + " holds release " + contents.vsn() + ", not " + vsn
                        + ", which was to be upgraded from");
            }
            return readDirectory(tmp, vsn);
        } catch (ReleaseException e) {
            throw new BuildException("the previous release's archive " + archive + " is refused: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BuildException("cannot read the archive " + archive + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static ReleaseBuild readDirectory(Path root, String vsn) throws BuildException {
        Path dir = root.resolve("releases").resolve(vsn);
        ReleaseSpec spec;
        Path relFile;
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> rels = files.filter(p -> p.getFileName().toString().endsWith(".rel")).toList();
            if (rels.size() != 1) {
                throw new BuildException(dir + " must hold exactly one .rel file; it holds " + rels.size());
            }
            relFile = rels.getFirst();
            spec = ReleaseSpec.read(relFile);
        } catch (IOException | RuntimeException e) {
            throw new BuildException("cannot read the previous release in " + dir + ": " + e.getMessage(), e);
        }
        List<AppBuild> apps = new ArrayList<>();
        for (ReleaseSpec.App a : spec.applications()) {
            Path lib = root.resolve("lib").resolve(a.name() + "-" + a.vsn());
            Path appFile = lib.resolve("ebin").resolve(a.name() + ".app");
            AppSpec app;
            try {
                app = AppSpec.read(appFile);
            } catch (IOException | RuntimeException e) {
                throw new BuildException("cannot read " + appFile + " of the previous release: " + e.getMessage(), e);
            }
            apps.add(AppBuild.of(app, AppBuild.readListed(app, lib.resolve("classes"))));
        }
        return new ReleaseBuild(spec, apps, SharedClasses.read(dir.resolve(SharedClasses.FILE)));
    }

    private static List<String> versions(Path root) {
        try (Stream<Path> dirs = Files.list(root.resolve("releases"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
