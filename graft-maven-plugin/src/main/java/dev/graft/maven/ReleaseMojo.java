package dev.graft.maven;

import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code graft:release}: builds a release of the project's application — its classes, its
 * {@code src/main/graft/APP.app.src}, its runtime dependencies on the node's shared class path —
 * into {@code target/graft}: the release directory with {@code bin/graft} and the archive.
 */
@Mojo(name = "release", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class ReleaseMojo extends AbstractReleaseMojo {
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        build(Optional.empty(), Optional.empty());
    }
}
