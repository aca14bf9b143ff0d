package dev.graft.release;

import static dev.graft.release.ErlangLists.difference;

import dev.graft.release.AppupInstruction.AddApplication;
import dev.graft.release.AppupInstruction.LoadModule;
import dev.graft.release.AppupInstruction.ModuleType;
import dev.graft.release.AppupInstruction.Update;
import dev.graft.release.RelupInstruction.Apply;
import dev.graft.release.RelupInstruction.CodeChange;
import dev.graft.release.RelupInstruction.Load;
import dev.graft.release.RelupInstruction.LoadObjectCode;
import dev.graft.release.RelupInstruction.PointOfNoReturn;
import dev.graft.release.RelupInstruction.RestartEmulator;
import dev.graft.release.RelupInstruction.RestartNewEmulator;
import dev.graft.release.RelupInstruction.Resume;
import dev.graft.release.RelupInstruction.Start;
import dev.graft.release.RelupInstruction.Stop;
import dev.graft.release.RelupInstruction.Suspend;
import dev.graft.term.Atom;
import dev.graft.term.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Translates the scripts of one upgrade or downgrade into one low-level script, as
 * {@code systools_rc:translate_scripts} does (reference §6.5):
 * <ol>
 * <li>each script is split at its own {@code point_of_no_return}: before it only
 *     {@code load_object_code} and {@code apply} may stand ({@code {bad_op_before_point_of_no_return, I}}),
 *     and it may stand once ({@code too_many_point_of_no_return}); a script without one is all
 *     after; {@code load_object_code} always goes before. The parts before are joined, then the
 *     parts after;
 * <li>the instructions written after it are checked: a {@code load} needs a
 *     {@code load_object_code} ({@code {no_object_code, M}}), a suspended module must be resumed
 *     and the other way round, a stopped one started and the other way round;
 * <li>application instructions become module instructions ({@link ApplicationInstructions});
 * <li>each {@code update}, {@code load_module} and {@code delete_module} is translated with the
 *     instructions it is connected to by DepMods, where the first of them stood
 *     ({@link DependencyOrder}, {@link ComponentTranslator}); other instructions keep their
 *     places around these, so an {@code apply} written between two related instructions comes
 *     after both;
 * <li>{@code load_object_code} is merged per application ({@link ObjectCodeMerge});
 * <li>{@code restart_new_emulator} goes first going up, and is a {@code restart_emulator} at
 *     the end coming down; {@code restart_emulator} is one, at the end.
 * </ol>
 * The result is the part before, {@code point_of_no_return}, and the part after.
 *
 * <p>Instructions are typed records, so the syntax check systools runs first and last
 * ({@code check_syntax}) was done when they were read. systools also means to refuse a
 * {@code code_change} for a module no {@code suspend} names ({@code code_change_not_suspended}),
 * but its check matches no {@code code_change} a script can hold, so it never refuses one; nor
 * does this.
 */
final class ScriptTranslator {
    /** The instructions of the merged scripts, on either side of the point of no return. */
    private record Split(List<Step> before, List<Step> after) {}

    private ScriptTranslator() {}

    /**
     * @param mode     {@code UP} to upgrade, {@code DOWN} to downgrade
     * @param scripts  the scripts, in order; each a list of the steps of one application
     * @param appls    the applications of the release gone to: object code is read from them
     * @param preAppls the applications of the release left
     */
    static List<RelupInstruction> translate(CodeChange.Mode mode, List<List<Step>> scripts,
                                            ApplicationList appls, ApplicationList preAppls) {
        Split split = merge(scripts);
        checkLoads(split);
        checkPairs(split.after(), ScriptTranslator::suspended, ScriptTranslator::resumed,
                "suspended_not_resumed", "resumed_not_suspended");
        checkPairs(split.after(), ScriptTranslator::started, ScriptTranslator::stopped, "start_not_stop", "stop_not_start");
        List<Step> after = ApplicationInstructions.translate(split.after(), appls, preAppls);

        List<Step> before = new ArrayList<>(split.before());
        List<Step> translated = new ArrayList<>();
        DependencyOrder graph = DependencyOrder.of(after);
        Set<Step> done = new HashSet<>();
        for (Step step : after) {
            if (!DependencyOrder.hasVertex(step.instruction())) {
                translated.add(step);
            } else if (!done.contains(step)) {
                List<Step> component = graph.component(step);
                done.addAll(component);
                ComponentTranslator.Translation low = ComponentTranslator.translate(mode, component, appls);
                before.addAll(low.loadObjectCode());
                translated.addAll(low.instructions());
            }
        }
        // every application and dependent instruction has been translated: only low-level ones are left
        return assemble(mode, ObjectCodeMerge.merge(before),
                translated.stream().map(s -> (RelupInstruction) s.instruction()).toList());
    }

    /** {@code merge_scripts}: each script split at its point of no return, the parts before joined, then those after. */
    private static Split merge(List<List<Step>> scripts) {
        List<Step> before = new ArrayList<>();
        List<Step> after = new ArrayList<>();
        for (List<Step> script : scripts) {
            int ponr = pointOfNoReturn(script);
            List<Step> scriptBefore = script.subList(0, Math.max(ponr, 0));
            for (Step step : scriptBefore) {
                if (!(step.instruction() instanceof LoadObjectCode || step.instruction() instanceof Apply)) {
                    throw new RelupException(Tuple.of(Atom.of("bad_op_before_point_of_no_return"), expanded(step.instruction())),
                            step, "before point_of_no_return a script may only load_object_code and apply");
                }
            }
            List<Step> scriptAfter = script.subList(ponr + 1, script.size());
            before.addAll(scriptBefore);
            scriptAfter.stream().filter(s -> s.instruction() instanceof LoadObjectCode).forEach(before::add);
            scriptAfter.stream().filter(s -> !(s.instruction() instanceof LoadObjectCode)).forEach(after::add);
        }
        return new Split(before, after);
    }

    /** The index of the script's point_of_no_return, -1 if it has none; {@code too_many_point_of_no_return} if it has two. */
    private static int pointOfNoReturn(List<Step> script) {
        int first = -1;
        for (int i = 0; i < script.size(); i++) {
            if (script.get(i).instruction() instanceof PointOfNoReturn) {
                if (first >= 0) {
                    throw new RelupException(Atom.of("too_many_point_of_no_return"), script.get(i),
                            "a script may have one point_of_no_return");
                }
                first = i;
            }
        }
        return first;
    }

    /**
     * An instruction as {@code systools_rc:expand_script} leaves it, which is how systools names
     * it in {@code bad_op_before_point_of_no_return}: the defaults filled in, a dynamic
     * {@code update} without its module type (and without its timeout if that is the default).
     */
    private static Object expanded(AppupInstruction instruction) {
        return switch (instruction) {
            case Update u when u.moduleType() == ModuleType.DYNAMIC -> {
                List<Object> parts = new ArrayList<>(List.of(Atom.of("update"), Atom.of(u.module())));
                if (!u.timeout().equals(Timeout.DEFAULT)) {
                    parts.add(u.timeout().toTerm());
                }
                parts.addAll(List.of(u.change().toTerm(), Atom.of(u.prePurge()), Atom.of(u.postPurge()), Atom.list(u.depMods())));
                yield new Tuple(parts);
            }
            case Update u -> Tuple.of(Atom.of("update"), Atom.of(u.module()), Atom.of(u.moduleType()), u.timeout().toTerm(),
                    u.change().toTerm(), Atom.of(u.prePurge()), Atom.of(u.postPurge()), Atom.list(u.depMods()));
            case LoadModule l -> Tuple.of(Atom.of("load_module"), Atom.of(l.module()), Atom.of(l.prePurge()),
                    Atom.of(l.postPurge()), Atom.list(l.depMods()));
            case AddApplication a -> Tuple.of(Atom.of("add_application"), Atom.of(a.application()), Atom.of(a.type()));
            default -> instruction.toTerm();
        };
    }

    /** {@code check_load}: each load written after the point of no return has its object code loaded before it. */
    private static void checkLoads(Split split) {
        for (Step step : split.after()) {
            if (step.instruction() instanceof Load load && split.before().stream().noneMatch(
                    s -> s.instruction() instanceof LoadObjectCode code && code.modules().contains(load.module()))) {
                throw new RelupException(Tuple.of(Atom.of("no_object_code"), Atom.of(load.module())), step,
                        "no load_object_code before point_of_no_return reads the code of module " + load.module());
            }
        }
    }

    /**
     * {@code check_suspend_resume} and {@code check_start_stop}: each module that the first kind
     * of instruction names, a second must name too ({@code firstUnmatched}), and the other way
     * round ({@code secondUnmatched}).
     */
    private static void checkPairs(List<Step> after, Function<AppupInstruction, List<String>> first,
                                   Function<AppupInstruction, List<String>> second, String firstUnmatched,
                                   String secondUnmatched) {
        List<String> firsts = after.stream().flatMap(s -> first.apply(s.instruction()).stream()).toList();
        List<String> seconds = after.stream().flatMap(s -> second.apply(s.instruction()).stream()).toList();
        refuseUnmatched(after, difference(firsts, seconds), first, firstUnmatched);
        refuseUnmatched(after, difference(seconds, firsts), second, secondUnmatched);
    }

    private static void refuseUnmatched(List<Step> after, List<String> unmatched,
                                        Function<AppupInstruction, List<String>> names, String reason) {
        if (!unmatched.isEmpty()) {
            Step at = after.stream().filter(s -> names.apply(s.instruction()).contains(unmatched.getFirst())).findFirst().orElseThrow();
            throw new RelupException(Tuple.of(Atom.of(reason), Atom.list(unmatched)), at,
                    "after point_of_no_return, a script resumes each module it suspends and nothing else, and starts "
                            + "each module it stops and nothing else");
        }
    }

    private static List<String> suspended(AppupInstruction instruction) {
        return instruction instanceof Suspend s ? s.modules().stream().map(Suspend.Target::module).toList() : List.of();
    }

    private static List<String> resumed(AppupInstruction instruction) {
        return instruction instanceof Resume r ? r.modules() : List.of();
    }

    private static List<String> stopped(AppupInstruction instruction) {
        return instruction instanceof Stop s ? s.modules() : List.of();
    }

    private static List<String> started(AppupInstruction instruction) {
        return instruction instanceof Start s ? s.modules() : List.of();
    }

    /** {@code sort_emulator_restart}, then the part before, point_of_no_return, and the part after. */
    private static List<RelupInstruction> assemble(CodeChange.Mode mode, List<RelupInstruction> before,
                                                   List<RelupInstruction> after) {
        List<RelupInstruction> script = new ArrayList<>();
        List<RelupInstruction> rest = new ArrayList<>(after);
        boolean newEmulator = rest.removeIf(i -> i instanceof RestartNewEmulator);
        if (newEmulator && mode == CodeChange.Mode.UP) {
            script.add(new RestartNewEmulator());
        }
        if (newEmulator && mode == CodeChange.Mode.DOWN) {
            rest.add(new RestartEmulator());
        }
        if (rest.removeIf(i -> i instanceof RestartEmulator)) {
            rest.add(new RestartEmulator());
        }
        script.addAll(before);
        script.add(new PointOfNoReturn());
        script.addAll(rest);
        return script;
    }
}
