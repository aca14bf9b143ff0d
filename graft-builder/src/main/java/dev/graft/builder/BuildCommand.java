package dev.graft.builder;

import dev.graft.builder.BuildOptions.AppInput;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code graft build}: the release builder's command line. Exit status 0 when the release (or
 * the dry run's plan) is made, 1 when the build is refused, 2 for a command line it cannot read.
 */
public final class BuildCommand {
    static final String HELP = """
            Usage: graft build --vsn VSN --out DIR --app FILE.app.src --classes DIR [options]

            Builds a release of one or more applications into the release directory DIR:
              DIR/bin/graft                  the launcher: finds a JDK 25, runs Graft's command
              DIR/lib/graft/*.jar            the node's class path: Graft and the --lib jars
              DIR/lib/APP-VSN/ebin/APP.app   each application's .app (modules listed) and appup
              DIR/lib/APP-VSN/classes/       its modules' class files
              DIR/releases/VSN/              NAME.rel, relup, upgrade-plan.txt, sys.config, vm.args,
                                             shared-classes
              DIR/releases/NAME-VSN.zip      the archive a node unpacks (graft unpack), with checksums
            Releases accumulate in DIR: version 2 is built beside version 1.

            Applications (repeat for each; a module is a top-level class with its nested classes):
              --app FILE.app.src     the application's .app without modules, in OTP's term syntax:
                                       {application, kv, [{description, "..."}, {vsn, "1.0"},
                                        {applications, []}, {mod, {'kv.KvApp', []}}, {env, []}]}.
              --classes DIR          its compiled classes (after its --app)
              --appup FILE           an appup kept in the source, used instead of the generated one
                                     (default: APP.appup beside the .app.src, if there)

            Options:
              --vsn VSN              the release's version (required)
              --out DIR              the release directory (required)
              --name NAME            the release's name (default: the first application's)
              --lib JAR              a dependency jar, on the node's shared class path (repeat);
                                     shared classes are loaded once and are not upgraded live
              --shared-package PKG   a package of the applications' classes (and its subpackages)
                                     that is shared, not modules: the types modules exchange;
                                     jarred into lib/graft/APP-shared.jar (repeat)
              --sys-config FILE      the release's sys.config, [{App, [{Par, Val}]}]
              --vm-args FILE         JVM options for the node, one per line
              --upgrade-from VSN     generate the appups and the relup to upgrade from release VSN
                                     and downgrade back to it, diffing the two builds' bytecode;
                                     prints the plan first
              --from PATH            where release VSN is: a release directory or archive
                                     (default: --out)
              --dry-run              print the plan (or the release) and stop: nothing is written
              --help                 this text
            """;

    private BuildCommand() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(HELP);
            return 0;
        }
        BuildOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("graft build: " + e.getMessage());
            err.println("Run graft build --help for the options.");
            return 2;
        }
        try {
            ReleaseBuilder.build(options, out);
            return 0;
        } catch (BuildException e) {
            err.println("graft build: " + e.getMessage());
            return 1;
        }
    }

    static BuildOptions parse(List<String> args) {
        String name = null;
        String vsn = null;
        Path out = null;
        String upgradeFrom = null;
        Path from = null;
        Path sysConfig = null;
        Path vmArgs = null;
        boolean dryRun = false;
        List<Path> libs = new ArrayList<>();
        List<String> sharedPackages = new ArrayList<>();
        List<AppInput> apps = new ArrayList<>();
        Path appSrc = null;
        Path appup = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--dry-run" -> dryRun = true;
                case "--name" -> name = value(args, ++i, arg);
                case "--vsn" -> vsn = value(args, ++i, arg);
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--upgrade-from" -> upgradeFrom = value(args, ++i, arg);
                case "--from" -> from = Path.of(value(args, ++i, arg));
                case "--sys-config" -> sysConfig = Path.of(value(args, ++i, arg));
                case "--vm-args" -> vmArgs = Path.of(value(args, ++i, arg));
                case "--lib" -> libs.add(Path.of(value(args, ++i, arg)));
                case "--shared-package" -> sharedPackages.add(value(args, ++i, arg));
                case "--app" -> {
                    if (appSrc != null) {
                        throw new IllegalArgumentException("--app " + appSrc + " has no --classes DIR after it");
                    }
                    appSrc = Path.of(value(args, ++i, arg));
                    appup = null;
                }
                case "--appup" -> {
                    if (appSrc == null) {
                        throw new IllegalArgumentException("--appup comes after the --app it belongs to");
                    }
                    appup = Path.of(value(args, ++i, arg));
                }
                case "--classes" -> {
                    if (appSrc == null) {
                        throw new IllegalArgumentException("--classes comes after the --app FILE.app.src it belongs to");
                    }
                    apps.add(new AppInput(appSrc, Path.of(value(args, ++i, arg)), Optional.ofNullable(appup)));
                    appSrc = null;
                    appup = null;
                }
                default -> throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (appSrc != null) {
            throw new IllegalArgumentException("--app " + appSrc + " has no --classes DIR after it");
        }
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("no application: give --app FILE.app.src --classes DIR");
        }
        if (vsn == null) {
            throw new IllegalArgumentException("no release version: give --vsn VSN");
        }
        if (out == null) {
            throw new IllegalArgumentException("no release directory: give --out DIR");
        }
        if (from != null && upgradeFrom == null) {
            throw new IllegalArgumentException("--from " + from + " names where the release to upgrade from is; "
                    + "give its version with --upgrade-from VSN");
        }
        if (name == null) {
            String file = apps.getFirst().appSrc().getFileName().toString();
            name = file.endsWith(".app.src") ? file.substring(0, file.length() - ".app.src".length()) : file;
        }
        return new BuildOptions(name, vsn, apps, libs, sharedPackages, out, Optional.ofNullable(upgradeFrom), Optional.ofNullable(from),
                Optional.ofNullable(sysConfig), Optional.ofNullable(vmArgs), dryRun);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
