package dev.graft.maven;

import dev.graft.builder.BuildException;
import dev.graft.builder.BuildOptions;
import dev.graft.builder.ReleaseBuilder;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the {@code release} and {@code upgrade} goals share: the project's application (its
 * classes and its {@code .app.src}), its runtime dependencies as the node's shared class path,
 * and the release to build, handed to Graft's {@link ReleaseBuilder}.
 */
abstract class AbstractReleaseMojo extends AbstractMojo {
    /** Graft's own jars: the builder puts them in lib/graft itself. */
    private static final Set<String> GRAFT = Set.of("graft-runtime", "graft-cli");

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The application's compiled classes. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    File classesDirectory;

    /** The application's {@code .app.src}; by default the one {@code *.app.src} in {@code src/main/graft}. */
    @Parameter
    File appSrc;

    /** An appup kept in the source, used instead of the generated one; by default {@code APP.appup} beside the {@code .app.src}. */
    @Parameter
    File appup;

    /** The release's name. */
    @Parameter(defaultValue = "${project.artifactId}", required = true)
    String releaseName;

    /** The release's version. */
    @Parameter(property = "graft.releaseVersion", defaultValue = "${project.version}", required = true)
    String releaseVersion;

    /** The release directory, where releases accumulate. */
    @Parameter(property = "graft.outputDirectory", defaultValue = "${project.build.directory}/graft", required = true)
    File outputDirectory;

    /** The release's {@code sys.config}. */
    @Parameter
    File sysConfig;

    /** JVM options for the node, one per line. */
    @Parameter
    File vmArgs;

    /**
     * Packages of the project's classes (with their subpackages) that are shared, not modules —
     * the types modules exchange — jarred into {@code lib/graft/APP-shared.jar}.
     */
    @Parameter
    List<String> sharedPackages = List.of();

    /** Print the plan (or the release) and stop: nothing is written. */
    @Parameter(property = "graft.dryRun", defaultValue = "false")
    boolean dryRun;

    /** Builds the release, upgrading from {@code upgradeFrom} (found in {@code previous}) when given. */
    void build(Optional<String> upgradeFrom, Optional<Path> previous) throws MojoExecutionException, MojoFailureException {
        BuildOptions options = new BuildOptions(releaseName, releaseVersion,
                List.of(new BuildOptions.AppInput(appSrc(), classesDirectory.toPath(), Optional.ofNullable(appup).map(File::toPath))),
                dependencyJars(), sharedPackages, outputDirectory.toPath(), upgradeFrom, previous,
                Optional.ofNullable(sysConfig).map(File::toPath), Optional.ofNullable(vmArgs).map(File::toPath), dryRun);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            ReleaseBuilder.build(options, out);
        } catch (BuildException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } finally {
            printed.toString(StandardCharsets.UTF_8).lines().forEach(getLog()::info);
        }
    }

    private Path appSrc() throws MojoExecutionException {
        if (appSrc != null) {
            return appSrc.toPath();
        }
        Path dir = project.getBasedir().toPath().resolve("src/main/graft");
        List<Path> found;
        try (Stream<Path> files = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            found = files.filter(p -> p.getFileName().toString().endsWith(".app.src")).sorted().toList();
        } catch (IOException e) {
            throw new MojoExecutionException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (found.size() != 1) {
            throw new MojoExecutionException("expected one application source file *.app.src in " + dir + ", found "
                    + found.size() + (found.isEmpty() ? "" : " " + found) + "; or set <appSrc>");
        }
        return found.getFirst();
    }

    /** The project's compile and runtime dependency jars, but Graft's own. */
    private List<Path> dependencyJars() {
        return project.getArtifacts().stream()
                .filter(a -> Artifact.SCOPE_COMPILE.equals(a.getScope()) || Artifact.SCOPE_RUNTIME.equals(a.getScope()))
                .filter(a -> "jar".equals(a.getType()) && a.getFile() != null)
                .filter(a -> !("dev.graft".equals(a.getGroupId()) && GRAFT.contains(a.getArtifactId())))
                .map(a -> a.getFile().toPath())
                .toList();
    }
}
