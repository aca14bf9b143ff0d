package dev.graft.builder;

import dev.graft.builder.AppUpgrade.Planned;
import dev.graft.builder.AppupGenerator.SourceAppup;
import dev.graft.release.Appup;
import dev.graft.release.AppupInstruction;
import dev.graft.release.Relup;
import dev.graft.release.RelupBuilder;
import dev.graft.release.RelupException;
import dev.graft.release.RelupWarning;
import dev.graft.release.ReleaseSpec;
import dev.graft.term.Terms;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The upgrade from a previous release to a new one, worked out before anything is packaged:
 * the applications added and removed (the relup adds and removes them), each changed
 * application's appup ({@link AppupGenerator}, or the one kept in its source), the relup made
 * from them with systools' rules ({@link RelupBuilder}), and everything a person should read
 * first — each instruction's reason, the state shapes that change and what migrates them, what
 * cannot be upgraded live, and the problems that stop the build.
 *
 * @param relup    the relup, unless a problem stopped it
 * @param problems what makes the build refuse the upgrade; nothing is written when there are any
 */
record UpgradePlan(ReleaseSpec from, ReleaseSpec to, List<ReleaseSpec.App> added, List<ReleaseSpec.App> removed,
                   List<AppUpgrade> apps, Optional<Relup> relup, List<String> warnings, List<String> problems) {

    static UpgradePlan of(ReleaseBuild before, ReleaseBuild after, Map<String, SourceAppup> sources) {
        List<String> problems = new ArrayList<>();
        Map<String, String> sharedChanges = new LinkedHashMap<>();
        for (String c : after.shared().changedSince(before.shared())) {
            sharedChanges.put(c, after.shared().describeChange(c, before.shared()));
        }
        List<AppUpgrade> apps = new ArrayList<>();
        for (AppBuild app : after.apps()) {
            Optional<AppBuild> old = before.app(app.name());
            if (old.isEmpty()) {
                continue;
            }
            if (old.get().vsn().equals(app.vsn())) {
                if (AppupGenerator.modulesDiffer(old.get(), app)) {
                    problems.add("application " + app.name() + " is " + app.vsn() + " in both releases, but its modules "
                            + "changed: bump its vsn in its .app.src, or the release handler never loads the new code");
                } else if (!AppupGenerator.sharedUses(app, sharedChanges).isEmpty()) {
                    problems.add("application " + app.name() + " is " + app.vsn() + " in both releases, but "
                            + AppupGenerator.sharedUses(app, sharedChanges).getFirst() + ": bump its vsn in its .app.src, "
                            + "so that the upgrade restarts it");
                }
                continue;
            }
            AppUpgrade upgrade = AppupGenerator.generate(old.get(), app, sharedChanges,
                    Optional.ofNullable(sources.get(app.name())));
            upgrade.problems().forEach(p -> problems.add("application " + app.name() + ": " + p));
            apps.add(upgrade);
        }
        List<ReleaseSpec.App> added = after.spec().applications().stream()
                .filter(a -> before.app(a.name()).isEmpty()).toList();
        List<ReleaseSpec.App> removed = before.spec().applications().stream()
                .filter(a -> after.app(a.name()).isEmpty()).toList();
        List<String> warnings = new ArrayList<>();
        Optional<Relup> relup = Optional.empty();
        if (problems.isEmpty()) {
            Map<String, Appup> appups = new LinkedHashMap<>();
            apps.forEach(a -> appups.put(a.app(), a.appup()));
            try {
                RelupBuilder.Result result = RelupBuilder.of(after.releaseApps(), appups)
                        .upgradeFrom(before.releaseApps()).downgradeTo(before.releaseApps()).build();
                relup = Optional.of(result.relup());
                result.warnings().stream().map(RelupWarning::message).forEach(warnings::add);
            } catch (RelupException e) {
                problems.add("the relup cannot be made: " + e.getMessage());
            }
        }
        return new UpgradePlan(before.spec(), after.spec(), added, removed, apps, relup, warnings, problems);
    }

    /** The appup of each changed application, by name. */
    Map<String, Appup> appups() {
        Map<String, Appup> appups = new LinkedHashMap<>();
        apps.forEach(a -> appups.put(a.app(), a.appup()));
        return appups;
    }

    /** The plan for a person to read before anything is packaged; the release keeps it beside its relup. */
    String text() {
        java.io.StringWriter text = new java.io.StringWriter();
        print(new java.io.PrintWriter(text));
        return text.toString();
    }

    private void print(PrintWriter out) {
        out.println("Upgrade plan: " + to.name() + " " + from.vsn() + " -> " + to.vsn());
        out.println();
        out.println("Applications");
        for (ReleaseSpec.App a : added) {
            out.println("  + " + a.name() + " " + a.vsn() + "    added: add_application (loads its modules, starts it "
                    + a.type().toString().toLowerCase(java.util.Locale.ROOT) + "); the downgrade removes it");
        }
        for (ReleaseSpec.App a : removed) {
            out.println("  - " + a.name() + " " + a.vsn() + "    removed: remove_application (stops it, removes its "
                    + "modules); the downgrade adds it back");
        }
        for (AppUpgrade a : apps) {
            out.println("  ~ " + a.app() + " " + a.fromVsn() + " -> " + a.toVsn() + "    "
                    + (a.appupSource().isPresent() ? "appup from " + a.appupSource().get() : "appup generated"));
        }
        Set<String> listed = new java.util.HashSet<>();
        added.forEach(a -> listed.add(a.name()));
        apps.forEach(a -> listed.add(a.app()));
        to.applications().stream().filter(a -> !listed.contains(a.name()))
                .forEach(a -> out.println("  = " + a.name() + " " + a.vsn() + "    unchanged"));
        for (AppUpgrade a : apps) {
            printApp(out, a);
        }
        if (apps.stream().anyMatch(a -> !a.notLive().isEmpty())) {
            out.println();
            out.println("Cannot be upgraded live");
            for (AppUpgrade a : apps) {
                for (String why : a.notLive()) {
                    out.println("  " + a.app() + ": " + why + "; instead: {restart_application, " + a.app() + "}");
                }
            }
        }
        if (!warnings.isEmpty()) {
            out.println();
            out.println("Warnings");
            warnings.forEach(w -> out.println("  " + w));
        }
        if (!problems.isEmpty()) {
            out.println();
            out.println("Problems (nothing is packaged)");
            problems.forEach(p -> out.println("  " + p));
        }
    }

    private static void printApp(PrintWriter out, AppUpgrade a) {
        out.println();
        out.println(a.app() + " " + a.fromVsn() + " -> " + a.toVsn());
        if (a.appupSource().isPresent()) {
            out.println("  up:   " + instructions(a.appup().upgradeFrom(a.fromVsn())));
            out.println("  down: " + instructions(a.appup().downgradeTo(a.fromVsn())));
        } else {
            printScript(out, "up", a.up());
            printScript(out, "down", a.down());
        }
        for (ShapeChange s : a.shapes()) {
            out.println("  state shape " + TypeNames.simple(s.record()) + ": " + s.shapes());
            out.println("    migrated by " + s.migratedBy());
            s.steps().forEach(step -> out.println("      " + step));
            s.problems().forEach(p -> out.println("      problem: " + p));
        }
        a.notes().forEach(n -> out.println("  note: " + n));
    }

    private static void printScript(PrintWriter out, String direction, List<Planned> script) {
        out.println("  " + direction + ":" + (script.isEmpty() ? " [] (only the .app changed)" : ""));
        for (Planned p : script) {
            out.println("    " + Terms.write(p.instruction().toTerm()));
            out.println("        " + p.why());
        }
    }

    private static String instructions(Optional<List<AppupInstruction>> script) {
        return script.map(s -> Terms.write(s.stream().map(AppupInstruction::toTerm).toList()))
                .orElse("(no entry for this version)");
    }
}
