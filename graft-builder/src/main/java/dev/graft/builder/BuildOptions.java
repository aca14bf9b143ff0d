package dev.graft.builder;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to build: release {@code name} version {@code vsn}, of {@code apps}, with the dependency
 * jars {@code libs} on the node's shared class path, into the release directory {@code out}.
 *
 * @param upgradeFrom the version of a previous release to generate the appups and relup from
 * @param previous    where that release is (its release directory or archive); the output
 *                    directory when empty
 * @param sysConfig   the release's {@code sys.config}, if any ({@code []} when empty)
 * @param vmArgs      the release's {@code vm.args}, JVM options for the node, if any
 * @param dryRun      print the plan and stop: nothing is written
 * @param sharedPackages packages of the applications' classes that are shared, not modules: their
 *                    classes (and their subpackages') go to {@code lib/graft/APP-shared.jar}
 */
public record BuildOptions(String name, String vsn, List<AppInput> apps, List<Path> libs, List<String> sharedPackages, Path out,
                           Optional<String> upgradeFrom, Optional<Path> previous, Optional<Path> sysConfig,
                           Optional<Path> vmArgs, boolean dryRun) {

    /**
     * One application: its {@code .app.src} and its compiled classes.
     *
     * @param appup the appup kept in the source, overriding the generated one; when empty,
     *              {@code APP.appup} beside the {@code .app.src}, if it is there
     */
    public record AppInput(Path appSrc, Path classes, Optional<Path> appup) {
        public AppInput {
            Objects.requireNonNull(appSrc, "appSrc");
            Objects.requireNonNull(classes, "classes");
        }
    }

    public BuildOptions {
        apps = List.copyOf(apps);
        libs = List.copyOf(libs);
        sharedPackages = List.copyOf(sharedPackages);
    }
}
