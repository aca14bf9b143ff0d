package dev.graft.builder;

import dev.graft.application.AppSpec;
import dev.graft.builder.AppupGenerator.SourceAppup;
import dev.graft.builder.BuildOptions.AppInput;
import dev.graft.code.Boundary;
import dev.graft.code.ModuleBinary;
import dev.graft.release.Appup;
import dev.graft.release.ReleaseArchive;
import dev.graft.release.ReleaseSpec;
import dev.graft.release.StartType;
import dev.graft.term.Located;
import dev.graft.term.TermException;
import dev.graft.term.Terms;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds a release: from each application's compiled classes and {@code .app.src}, and their
 * dependency jars, the release directory the node's release handler reads, and its archive.
 * <pre>
 * OUT/bin/graft                         the launcher (POSIX sh): finds a JDK 25, runs Graft's command
 * OUT/lib/graft/*.jar                   the node's class path: Graft, the dependency jars and a jar of
 *                                         each application's shared packages (shared, not modules)
 * OUT/lib/APP-VSN/ebin/APP.app          each application's .app (modules listed) and appup
 * OUT/lib/APP-VSN/classes/...           and its modules' class files
 * OUT/releases/VSN/NAME.rel             the release: its .rel, relup (and the plan that made it,
 * OUT/releases/VSN/shared-classes         upgrade-plan.txt), sys.config, vm.args, and the digests
 *                                         of its shared classes
 * OUT/releases/NAME-VSN.zip             the archive the release handler unpacks (lib/APP-VSN and
 *                                         releases/VSN, with the SHA256SUMS manifest)
 * </pre>
 * Releases accumulate in OUT as OTP's do: building version 2 beside version 1 keeps version 1,
 * and {@code --upgrade-from 1} reads it from there (or from another directory or archive).
 * Everything is checked before anything is written — the inputs, the module boundary, an
 * application whose code changed under the same version, the upgrade's plan — and a failed
 * build leaves OUT as it was.
 */
public final class ReleaseBuilder {
    /** The runtime's version in the {@code .rel}: every Graft release runs on the node's one runtime. */
    static final String ERTS_VSN = "graft";

    private final BuildOptions options;
    private final PrintStream out;
    /** The jars made of the applications' shared packages: each jar's name and classes. */
    private final Map<String, Map<String, byte[]>> sharedJars = new LinkedHashMap<>();

    private ReleaseBuilder(BuildOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Builds the release, printing what it does (and an upgrade's plan) to {@code out}. */
    public static void build(BuildOptions options, PrintStream out) throws BuildException {
        new ReleaseBuilder(options, out).build();
    }

    private void build() throws BuildException {
        if (options.apps().isEmpty()) {
            throw new BuildException("a release needs at least one application (--app FILE.app.src --classes DIR)");
        }
        Map<String, SourceAppup> sources = new LinkedHashMap<>();
        List<AppBuild> apps = new ArrayList<>();
        for (AppInput input : options.apps()) {
            AppBuild.Classes classes = AppBuild.readClasses(input.classes(), options.sharedPackages());
            AppBuild app = read(input, classes.modules());
            if (apps.stream().anyMatch(a -> a.name().equals(app.name()))) {
                throw new BuildException("application " + app.name() + " is given twice");
            }
            apps.add(app);
            if (!classes.shared().isEmpty()) {
                sharedJars.put(app.name() + "-shared.jar", classes.shared());
            }
            appup(input, app.name()).ifPresent(a -> sources.put(app.name(), a));
        }
        checkModules(apps);
        checkDependencies(apps);
        for (Path lib : options.libs()) {
            if (!Files.isRegularFile(lib)) {
                throw new BuildException("the dependency jar " + lib + " does not exist");
            }
        }
        if (options.sysConfig().isPresent()) {
            checkSysConfig(options.sysConfig().get());
        }
        if (options.vmArgs().isPresent() && !Files.isRegularFile(options.vmArgs().get())) {
            throw new BuildException("the vm.args file " + options.vmArgs().get() + " does not exist");
        }
        ReleaseSpec spec = new ReleaseSpec(options.name(), options.vsn(), ERTS_VSN, apps.stream()
                .map(a -> new ReleaseSpec.App(a.name(), a.vsn(), StartType.PERMANENT, Optional.empty())).toList());
        ReleaseBuild release = new ReleaseBuild(spec, apps, SharedClasses.of(options.libs(), sharedJars));
        Optional<UpgradePlan> plan = Optional.empty();
        if (options.upgradeFrom().isPresent()) {
            String from = options.upgradeFrom().get();
            if (from.equals(options.vsn())) {
                throw new BuildException("--upgrade-from " + from + " is the version being built");
            }
            ReleaseBuild previous = ReleaseBuild.read(options.previous().orElse(options.out()), from);
            if (!previous.spec().name().equals(options.name())) {
                throw new BuildException("the release to upgrade from is " + previous.spec().name() + " " + from
                        + ", not " + options.name());
            }
            plan = Optional.of(UpgradePlan.of(previous, release, sources));
            out.print(plan.get().text());
            if (!plan.get().problems().isEmpty()) {
                throw new BuildException("the upgrade from " + from + " cannot be built: "
                        + String.join("; ", plan.get().problems()));
            }
        } else {
            printRelease(release);
        }
        if (options.dryRun()) {
            out.println();
            out.println("Dry run: nothing was written.");
            return;
        }
        write(release, plan);
    }

    // ---- reading and checking ----

    private static AppBuild read(AppInput input, Map<String, ModuleBinary> modules) throws BuildException {
        Path src = input.appSrc();
        if (!Files.isRegularFile(src)) {
            throw new BuildException("the application source file " + src + " does not exist");
        }
        try {
            return AppBuild.of(AppSpec.parseSource(Terms.readOne(src), AppBuild.names(modules)), modules);
        } catch (TermException e) {
            throw new BuildException(placed(src, e), e);
        } catch (IOException e) {
            throw new BuildException("cannot read " + src + ": " + e.getMessage(), e);
        }
    }

    /** The message of a term error, with the file named when the error has no place. */
    private static String placed(Path file, TermException e) {
        return e.position().isPresent() ? e.getMessage() : file + ": " + e.getMessage();
    }

    /** The appup kept in the source: the one given, or {@code APP.appup} beside the {@code .app.src}. */
    private static Optional<SourceAppup> appup(AppInput input, String app) throws BuildException {
        Optional<Path> file = input.appup().or(() -> Optional.of(input.appSrc().resolveSibling(app + ".appup"))
                .filter(Files::isRegularFile));
        if (file.isEmpty()) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file.get())) {
            throw new BuildException("the appup " + file.get() + " does not exist");
        }
        try {
            return Optional.of(new SourceAppup(file.get(), Appup.read(file.get())));
        } catch (TermException e) {
            throw new BuildException(placed(file.get(), e), e);
        } catch (IOException e) {
            throw new BuildException("cannot read " + file.get() + ": " + e.getMessage(), e);
        }
    }

    /** A module belongs to one application, and no module breaks the boundary (as the node's loader would refuse it). */
    private static void checkModules(List<AppBuild> apps) throws BuildException {
        Map<String, String> owner = new HashMap<>();
        for (AppBuild app : apps) {
            for (String m : app.modules().keySet()) {
                String other = owner.putIfAbsent(m, app.name());
                if (other != null) {
                    throw new BuildException("module " + m + " is in application " + other + " and in " + app.name());
                }
            }
        }
        Set<String> modules = owner.keySet();
        List<String> refused = new ArrayList<>();
        for (AppBuild app : apps) {
            for (ModuleBinary m : app.modules().values()) {
                List<String> violations = Boundary.violations(m, modules::contains);
                if (!violations.isEmpty()) {
                    refused.add("module " + m.name() + " of application " + app.name() + " breaks the module boundary, "
                            + "so no node would load it: " + Boundary.describe(violations));
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new BuildException(String.join("\n", refused));
        }
    }

    /** Each application the release's applications need is in the release. */
    private static void checkDependencies(List<AppBuild> apps) throws BuildException {
        for (AppBuild app : apps) {
            for (String needed : app.spec().applications()) {
                if (apps.stream().noneMatch(a -> a.name().equals(needed)) && !app.spec().optionalApplications().contains(needed)) {
                    throw new BuildException("application " + app.name() + " needs application " + needed
                            + " ({applications, [...]} in its .app.src), which the release does not hold");
                }
            }
        }
    }

    private void printRelease(ReleaseBuild release) {
        out.println("Release " + release.spec().name() + " " + release.spec().vsn());
        for (AppBuild app : release.apps()) {
            out.println("  " + app.name() + " " + app.vsn() + ": " + app.modules().size() + " module(s): "
                    + String.join(", ", app.modules().keySet()));
        }
        List<String> jars = new ArrayList<>(options.libs().stream().map(p -> p.getFileName().toString()).toList());
        jars.addAll(sharedJars.keySet());
        if (!jars.isEmpty()) {
            out.println("  shared class path (lib/graft): " + String.join(", ", jars));
        }
    }

    // ---- writing ----

    private void write(ReleaseBuild release, Optional<UpgradePlan> plan) throws BuildException {
        Path root = options.out().toAbsolutePath().normalize();
        String vsn = options.vsn();
        Path relDir = root.resolve("releases").resolve(vsn);
        if (Files.exists(relDir)) {
            throw new BuildException("release " + vsn + " is already built in " + root + "; a version is built once: "
                    + "give the new build a new version, or remove " + relDir);
        }
        List<AppBuild> newLibs = new ArrayList<>();
        for (AppBuild app : release.apps()) {
            if (!sameBuiltLib(root, app)) {
                newLibs.add(app);
            }
        }
        Path staging = root.resolve(".graft-staging-" + vsn);
        boolean fresh = !Files.exists(root);
        try {
            if (Files.exists(staging)) {
                ReleaseBuild.deleteTree(staging);
            }
            for (AppBuild app : newLibs) {
                writeLib(staging.resolve("lib").resolve(app.name() + "-" + app.vsn()), app,
                        plan.flatMap(p -> Optional.ofNullable(p.appups().get(app.name()))));
            }
            Path stagedRel = staging.resolve("releases").resolve(vsn);
            Files.createDirectories(stagedRel);
            release.spec().write(stagedRel.resolve(options.name() + ".rel"));
            if (plan.isPresent()) {
                plan.get().relup().orElseThrow().write(stagedRel.resolve("relup"));
                Files.writeString(stagedRel.resolve("upgrade-plan.txt"), plan.get().text());
            }
            if (options.sysConfig().isPresent()) {
                Files.copy(options.sysConfig().get(), stagedRel.resolve("sys.config"));
            } else {
                Terms.writeFile(stagedRel.resolve("sys.config"), List.of(List.of()));
            }
            if (options.vmArgs().isPresent()) {
                Files.copy(options.vmArgs().get(), stagedRel.resolve("vm.args"));
            }
            release.shared().write(stagedRel.resolve(SharedClasses.FILE));
            for (AppBuild app : newLibs) {
                String lib = app.name() + "-" + app.vsn();
                Files.createDirectories(root.resolve("lib"));
                Files.move(staging.resolve("lib").resolve(lib), root.resolve("lib").resolve(lib), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.createDirectories(root.resolve("releases"));
            Files.move(stagedRel, relDir, StandardCopyOption.ATOMIC_MOVE);
            ReleaseBuild.deleteTree(staging);
            Launcher.write(root, options.libs(), sharedJars);
            Path archive = root.resolve("releases").resolve(options.name() + "-" + vsn + ".zip");
            ReleaseArchive.create(archive, root, archiveEntries(root, release), vsn);
            out.println();
            out.println("Built release " + options.name() + " " + vsn + " in " + root);
            out.println("  archive " + archive);
            plan.ifPresent(p -> out.println("  relup upgrades from and downgrades to " + p.from().vsn()));
        } catch (IOException e) {
            if (Files.exists(staging)) {
                ReleaseBuild.deleteTree(staging);
            }
            if (fresh && Files.exists(root)) {
                ReleaseBuild.deleteTree(root);
            }
            throw new BuildException("cannot write the release into " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code lib/APP-VSN} already holds this very build of the application (an
     * application unchanged since an earlier release); another build under the same version
     * is refused.
     */
    private static boolean sameBuiltLib(Path root, AppBuild app) throws BuildException {
        Path lib = root.resolve("lib").resolve(app.name() + "-" + app.vsn());
        if (!Files.exists(lib)) {
            return false;
        }
        AppSpec built;
        try {
            built = AppSpec.read(lib.resolve("ebin").resolve(app.name() + ".app"));
        } catch (IOException | RuntimeException e) {
            throw new BuildException(lib + " is not a built application: " + e.getMessage(), e);
        }
        AppBuild before = AppBuild.of(built, AppBuild.readListed(built, lib.resolve("classes")));
        if (!built.equals(app.spec()) || AppupGenerator.modulesDiffer(before, app)) {
            throw new BuildException(lib + " holds another build of " + app.name() + " " + app.vsn()
                    + " (its .app or its modules differ): bump the vsn in its .app.src");
        }
        return true;
    }

    private static void writeLib(Path lib, AppBuild app, Optional<Appup> appup) throws IOException {
        Path ebin = lib.resolve("ebin");
        Files.createDirectories(ebin);
        app.spec().write(ebin.resolve(app.name() + ".app"));
        if (appup.isPresent()) {
            appup.get().write(ebin.resolve(app.name() + ".appup"));
        }
        for (ModuleBinary m : app.modules().values()) {
            for (Map.Entry<String, byte[]> c : m.classes().entrySet()) {
                Path file = lib.resolve("classes").resolve(c.getKey().replace('.', '/') + ".class");
                Files.createDirectories(file.getParent());
                Files.write(file, c.getValue());
            }
        }
    }

    /** A {@code sys.config} is {@code [{App, [{Par, Val}]}]}. */
    private static void checkSysConfig(Path file) throws BuildException {
        try {
            for (Located app : Terms.readOne(file).list("a sys.config, [{App, [{Par, Val}]}]")) {
                List<Located> entry = app.tuple(2, "{App, [{Par, Val}]}");
                entry.get(0).atom("an application name");
                for (Located par : entry.get(1).list("the parameters of " + entry.get(0).term())) {
                    par.tuple(2, "{Par, Val}").getFirst().atom("a parameter name");
                }
            }
        } catch (TermException e) {
            throw new BuildException(placed(file, e), e);
        } catch (IOException e) {
            throw new BuildException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The archive's entries: the release's application directories and {@code releases/VSN}. */
    private List<String> archiveEntries(Path root, ReleaseBuild release) throws IOException {
        List<String> entries = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        release.apps().forEach(a -> dirs.add(root.resolve("lib").resolve(a.name() + "-" + a.vsn())));
        dirs.add(root.resolve("releases").resolve(options.vsn()));
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).sorted()
                        .forEach(f -> entries.add(root.relativize(f).toString().replace(java.io.File.separatorChar, '/')));
            }
        }
        return entries;
    }
}
