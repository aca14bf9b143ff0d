package dev.graft.builder;

import dev.graft.builder.AppUpgrade.Planned;
import dev.graft.builder.ModuleFacts.RecordShape;
import dev.graft.builder.ModuleFacts.Role;
import dev.graft.release.Appup;
import dev.graft.release.AppupInstruction.AddModule;
import dev.graft.release.AppupInstruction.Change;
import dev.graft.release.AppupInstruction.DeleteModule;
import dev.graft.release.AppupInstruction.LoadModule;
import dev.graft.release.AppupInstruction.ModuleType;
import dev.graft.release.AppupInstruction.RestartApplication;
import dev.graft.release.AppupInstruction.Update;
import dev.graft.release.PurgeMethod;
import dev.graft.release.RelupInstruction.Apply;
import dev.graft.release.RelupInstruction.Mfa;
import dev.graft.release.Timeout;
import dev.graft.release.VersionMatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes an application's appup by diffing its two builds' bytecode, as Distillery and
 * rebar3_appup_plugin do, with Graft's facts:
 * <ul>
 * <li>an added module is {@code add_module}, a removed one {@code delete_module};
 * <li>a changed supervisor ({@code implements Supervisor}) is {@code {update, Sup, supervisor}},
 *     with {@code restartChild} applies for the children its {@code init} gains, and
 *     {@code terminateChild}/{@code deleteChild} for those it loses;
 * <li>a changed GenServer is {@code {update, M, {advanced, []}}} when it defines
 *     {@code codeChange} or a record nested in it changed shape (its state must migrate inside
 *     the install's transaction), else {@code load_module};
 * <li>any other changed module is {@code load_module};
 * <li>DepMods are the module's remote calls to modules the same script loads, and modules come
 *     in call order (a module before those that call it, {@link CallOrder});
 * <li>an application that uses a shared class that changed cannot be upgraded live: its appup
 *     is {@code restart_application} both ways.
 * </ul>
 * The downgrade mirrors the upgrade: removed modules come back, added ones go, changed ones
 * are replaced by their old version, ordered and classified by the old build.
 */
final class AppupGenerator {
    private static final Change ADVANCED = new Change.Advanced(List.of());
    private static final String SUPERVISOR = "dev.graft.behaviour.Supervisor";

    private final AppBuild before;
    private final AppBuild after;
    private final Set<String> added = new TreeSet<>();
    private final Set<String> removed = new TreeSet<>();
    private final Set<String> changed = new TreeSet<>();
    /** Each changed module's records that changed shape. */
    private final Map<String, List<ShapeChange>> shapes = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private AppupGenerator(AppBuild before, AppBuild after) {
        this.before = before;
        this.after = after;
    }

    /** Whether the two builds' modules differ: any added, removed, or with other bytecode. */
    static boolean modulesDiffer(AppBuild before, AppBuild after) {
        return !before.modules().keySet().equals(after.modules().keySet()) || before.modules().entrySet().stream()
                .anyMatch(e -> !e.getValue().md5().equals(after.modules().get(e.getKey()).md5()));
    }

    /**
     * @param sharedChanges the shared classes that changed between the releases, each described
     * @param source        the appup kept in the source for this application, if any
     */
    static AppUpgrade generate(AppBuild before, AppBuild after, Map<String, String> sharedChanges,
                               Optional<SourceAppup> source) {
        AppupGenerator g = new AppupGenerator(before, after);
        g.diff();
        List<String> notLive = g.sharedUses(sharedChanges);
        List<Planned> up;
        List<Planned> down;
        if (notLive.isEmpty()) {
            up = g.script(after, before, g.added, g.removed, true);
            down = g.script(before, after, g.removed, g.added, false);
        } else {
            Planned restart = new Planned(new RestartApplication(after.name()), "uses a shared class that changed");
            up = List.of(restart);
            down = List.of(restart);
        }
        List<ShapeChange> allShapes = g.shapes.values().stream().flatMap(List::stream).toList();
        Appup appup;
        List<String> problems = g.problems;
        if (source.isPresent()) {
            appup = source.get().appup();
            g.notes.add("the appup " + source.get().file() + " overrides the generated one");
            g.notes.addAll(problems.stream().map(p -> "the generated appup would have refused: " + p).toList());
            problems = List.of();
        } else {
            VersionMatch from = new VersionMatch.Exact(before.vsn());
            appup = new Appup(after.vsn(),
                    List.of(new Appup.Script(from, up.stream().map(Planned::instruction).toList())),
                    List.of(new Appup.Script(from, down.stream().map(Planned::instruction).toList())));
        }
        return new AppUpgrade(after.name(), before.vsn(), after.vsn(), up, down, allShapes, appup,
                source.map(SourceAppup::file), notLive, problems, g.notes);
    }

    private void diff() {
        for (String m : after.modules().keySet()) {
            if (!before.modules().containsKey(m)) {
                added.add(m);
            } else if (!before.modules().get(m).md5().equals(after.modules().get(m).md5())) {
                changed.add(m);
            }
        }
        for (String m : before.modules().keySet()) {
            if (!after.modules().containsKey(m)) {
                removed.add(m);
            }
        }
        for (String m : changed) {
            ModuleFacts old = before.facts().get(m);
            ModuleFacts now = after.facts().get(m);
            Set<String> records = new TreeSet<>(old.records().keySet());
            records.addAll(now.records().keySet());
            List<ShapeChange> moduleShapes = new ArrayList<>();
            for (String r : records) {
                RecordShape was = old.records().get(r);
                RecordShape is = now.records().get(r);
                if (was != null) { // a record the new build adds holds no old value
                    ShapeChange.of(r, was, is, now).ifPresent(moduleShapes::add);
                }
            }
            if (!moduleShapes.isEmpty()) {
                shapes.put(m, moduleShapes);
            }
            if (now.role() == Role.GEN_SERVER) {
                for (ShapeChange s : moduleShapes) {
                    s.problems().forEach(p -> problems.add(m + ": record " + s.record() + " " + p));
                }
            }
            if (old.role() != now.role()) {
                notes.add(m + " was a " + old.role().shown + " and is a " + now.role().shown
                        + ": processes started by the old version keep the old kind of loop");
            }
        }
    }

    /** Why the application cannot be upgraded live: the changed shared classes its modules, old or new, name. */
    private List<String> sharedUses(Map<String, String> sharedChanges) {
        Set<String> uses = new TreeSet<>(sharedUses(before, sharedChanges));
        uses.addAll(sharedUses(after, sharedChanges));
        return List.copyOf(uses);
    }

    /** Why a build of an application cannot be upgraded live: each changed shared class its modules name. */
    static List<String> sharedUses(AppBuild build, Map<String, String> sharedChanges) {
        Set<String> used = new TreeSet<>();
        for (ModuleFacts f : build.facts().values()) {
            f.names().stream().filter(sharedChanges::containsKey).forEach(used::add);
        }
        return used.stream().map(c -> "uses the shared class " + sharedChanges.get(c) + "; shared classes are loaded "
                + "once, when the node starts, so the running node keeps the old one").toList();
    }

    /**
     * The instructions going to {@code to} from {@code from}: the modules that come (added)
     * and the changed ones in call order by {@code to}'s bytecode, then the modules that go.
     */
    private List<Planned> script(AppBuild to, AppBuild from, Set<String> coming, Set<String> going, boolean up) {
        Set<String> loaded = new TreeSet<>(coming);
        loaded.addAll(changed);
        Map<String, Set<String>> calls = new LinkedHashMap<>();
        loaded.forEach(m -> calls.put(m, to.facts().get(m).calls()));
        List<Planned> script = new ArrayList<>();
        List<String> order = CallOrder.of(loaded, calls);
        for (String m : order) {
            List<String> deps = order.stream().filter(d -> !d.equals(m) && calls.get(m).contains(d)).toList();
            String calling = deps.isEmpty() ? "" : "; calls " + String.join(", ", deps);
            if (coming.contains(m)) {
                script.add(new Planned(new AddModule(m, deps), (up ? "new module" : "removed by the upgrade") + calling));
            } else {
                changedModule(m, to, from, deps, calling, up, script);
            }
        }
        for (String m : going) {
            script.add(new Planned(new DeleteModule(m, List.of()), up ? "removed module" : "added by the upgrade"));
        }
        return script;
    }

    private void changedModule(String m, AppBuild to, AppBuild from, List<String> deps, String calling, boolean up,
                               List<Planned> script) {
        ModuleFacts f = to.facts().get(m);
        List<ShapeChange> moduleShapes = shapes.getOrDefault(m, List.of());
        switch (f.role()) {
            case SUPERVISOR -> supervisor(m, to, from, up, script);
            case GEN_SERVER -> {
                boolean codeChange = f.definesCodeChange() || from.facts().get(m).definesCodeChange();
                if (codeChange || !moduleShapes.isEmpty()) {
                    String why = "GenServer; " + (codeChange ? "defines codeChange" : "")
                            + (codeChange && !moduleShapes.isEmpty() ? ", " : "")
                            + (moduleShapes.isEmpty() ? "" : "its records change shape: "
                            + String.join(", ", moduleShapes.stream().map(s -> TypeNames.simple(s.record())).toList()));
                    script.add(new Planned(new Update(m, ModuleType.DYNAMIC, Timeout.DEFAULT, ADVANCED,
                            PurgeMethod.BRUTAL_PURGE, PurgeMethod.BRUTAL_PURGE, deps), why + calling));
                } else {
                    script.add(new Planned(loadModule(m, deps), "GenServer; no codeChange and no record changes shape: "
                            + "its processes take the new code at their next message" + calling));
                }
            }
            case PLAIN -> script.add(new Planned(loadModule(m, deps), "changed" + calling));
        }
    }

    private static LoadModule loadModule(String m, List<String> deps) {
        return new LoadModule(m, PurgeMethod.BRUTAL_PURGE, PurgeMethod.BRUTAL_PURGE, deps);
    }

    /**
     * {@code {update, Sup, supervisor}}, which re-runs {@code init} and merges the new specs
     * (children it no longer names keep running, new ones are added unstarted), and the applies
     * that stop the children it lost before it and start those it gained after it, as the appup
     * cookbook does.
     */
    private void supervisor(String m, AppBuild to, AppBuild from, boolean up, List<Planned> script) {
        SupervisorFacts now = SupervisorFacts.of(to.modules().get(m));
        SupervisorFacts was = SupervisorFacts.of(from.modules().get(m));
        Update update = new Update(m, ModuleType.STATIC, Timeout.DEFAULT, ADVANCED, PurgeMethod.BRUTAL_PURGE,
                PurgeMethod.BRUTAL_PURGE, List.of());
        if (now.childIds().isEmpty() || was.childIds().isEmpty() || now.name().isEmpty()) {
            script.add(new Planned(update, "Supervisor; re-runs init and merges its child specs"));
            if (up) {
                notes.add(m + ": its children or its registered name are not constants in its bytecode, so the builder "
                        + "does not know which children it gains or loses; start or stop them with applies in an appup "
                        + "kept in the source");
            }
            return;
        }
        Object sup = now.name().get();
        List<Object> gained = now.childIds().get().stream().filter(id -> !was.childIds().get().contains(id)).toList();
        List<Object> lost = was.childIds().get().stream().filter(id -> !now.childIds().get().contains(id)).toList();
        for (Object id : lost) {
            script.add(new Planned(new Apply(new Mfa(SUPERVISOR, "terminateChild", List.of(sup, id))),
                    "child " + id + " is no longer in " + m + "'s init"));
            script.add(new Planned(new Apply(new Mfa(SUPERVISOR, "deleteChild", List.of(sup, id))), "and its spec goes"));
        }
        script.add(new Planned(update, "Supervisor; re-runs init and merges its child specs"
                + (gained.isEmpty() && lost.isEmpty() ? "" : " (gains " + gained + ", loses " + lost + ")")));
        for (Object id : gained) {
            script.add(new Planned(new Apply(new Mfa(SUPERVISOR, "restartChild", List.of(sup, id))),
                    "child " + id + " is new in " + m + "'s init: the update adds its spec unstarted; this starts it"));
        }
    }

    /** The appup kept in an application's source, and where. */
    record SourceAppup(Path file, Appup appup) {}

}
