package dev.graft.release;

import dev.graft.application.AppSpec;
import dev.graft.release.AppupInstruction.Change;
import dev.graft.release.AppupInstruction.DeleteModule;
import dev.graft.release.AppupInstruction.LoadModule;
import dev.graft.release.AppupInstruction.ModuleType;
import dev.graft.release.AppupInstruction.Update;
import dev.graft.release.RelupInstruction.CodeChange;
import dev.graft.release.RelupInstruction.Load;
import dev.graft.release.RelupInstruction.LoadObjectCode;
import dev.graft.release.RelupInstruction.Purge;
import dev.graft.release.RelupInstruction.Remove;
import dev.graft.release.RelupInstruction.Resume;
import dev.graft.release.RelupInstruction.Suspend;
import dev.graft.term.Atom;
import dev.graft.term.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The low-level instructions of one component of dependent instructions
 * ({@code systools_rc:translate_dep_to_low}), given in {@link DependencyOrder}'s order
 * {@code L}, a module before those it depends on:
 * <pre>
 * up:   suspend(U)  loads reversed                code_change(up, advanced)  resume(U reversed)
 * down: suspend(U)  code_change(down, dynamic)  loads  code_change(down, static)  resume(U reversed)
 * </pre>
 * where {@code U} is the modules of the {@code update} instructions in {@code L} order (with
 * their timeouts), and "loads" is, per instruction, {@code {load, {M, PrePurge, PostPurge}}}
 * for {@code update} and {@code load_module}, and {@code {remove, {M, brutal_purge, brutal_purge}},
 * {purge, [M]}} for {@code delete_module}. So a DepMod is loaded before the module that
 * depends on it going up and after it coming down, while the suspension order is the same both
 * ways (appup(5) says otherwise; systools does this). An empty suspend, code_change or resume
 * is left out.
 *
 * <p>Each loaded module's object code is read before the point of no return, from the
 * first application of the release gone to, in start order, that holds it
 * ({@code {no_such_module, M}} if none does).
 */
final class ComponentTranslator {
    /** The component's {@code load_object_code} instructions, and the instructions after the point of no return. */
    record Translation(List<Step> loadObjectCode, List<Step> instructions) {}

    private ComponentTranslator() {}

    /** @param appls the applications of the release gone to, whose object code is loaded */
    static Translation translate(CodeChange.Mode mode, List<Step> component, ApplicationList appls) {
        List<Update> updates = component.stream()
                .map(Step::instruction).filter(Update.class::isInstance).map(Update.class::cast).toList();
        Step first = component.getFirst();
        List<List<Step>> loads = new ArrayList<>(); // per instruction, in L order
        List<Step> loadObjectCode = new ArrayList<>();
        for (Step step : component) {
            switch (step.instruction()) {
                case Update u -> {
                    loads.add(List.of(step.with(new Load(u.module(), u.prePurge(), u.postPurge()))));
                    loadObjectCode.add(objectCode(step, u.module(), appls));
                }
                case LoadModule l -> {
                    loads.add(List.of(step.with(new Load(l.module(), l.prePurge(), l.postPurge()))));
                    loadObjectCode.add(objectCode(step, l.module(), appls));
                }
                case DeleteModule d -> loads.add(List.of(
                        step.with(new Remove(d.module(), PurgeMethod.BRUTAL_PURGE, PurgeMethod.BRUTAL_PURGE)),
                        step.with(new Purge(List.of(d.module())))));
                default -> throw new IllegalArgumentException("not a dependent instruction: " + step.instruction());
            }
        }
        List<Step> instructions = new ArrayList<>();
        if (!updates.isEmpty()) {
            instructions.add(first.with(new Suspend(updates.stream()
                    .map(u -> new Suspend.Target(u.module(), u.timeout())).toList())));
        }
        if (mode == CodeChange.Mode.UP) {
            loads.reversed().forEach(instructions::addAll);
            codeChange(first, mode, updates, u -> true).ifPresent(instructions::add);
        } else {
            codeChange(first, mode, updates, u -> u.moduleType() == ModuleType.DYNAMIC).ifPresent(instructions::add);
            loads.forEach(instructions::addAll);
            codeChange(first, mode, updates, u -> u.moduleType() == ModuleType.STATIC).ifPresent(instructions::add);
        }
        if (!updates.isEmpty()) {
            instructions.add(first.with(new Resume(updates.reversed().stream().map(Update::module).toList())));
        }
        return new Translation(loadObjectCode, instructions);
    }

    private static Step objectCode(Step step, String module, ApplicationList appls) {
        AppSpec app = appls.owner(module).orElseThrow(() -> new RelupException(
                Tuple.of(Atom.of("no_such_module"), Atom.of(module)), step,
                "no application of release " + appls.spec().vsn() + " holds module " + module
                        + ", so there is no object code to load for it"));
        return step.with(new LoadObjectCode(app.name(), app.vsn(), List.of(module)));
    }

    /** The code_change of the advanced updates that {@code which} takes, in {@code L} order, if any. */
    private static Optional<Step> codeChange(Step first, CodeChange.Mode mode, List<Update> updates,
                                             Predicate<Update> which) {
        List<CodeChange.Target> changes = updates.stream()
                .filter(which)
                .filter(u -> u.change() instanceof Change.Advanced)
                .map(u -> new CodeChange.Target(u.module(), ((Change.Advanced) u.change()).extra()))
                .toList();
        return changes.isEmpty() ? Optional.empty() : Optional.of(first.with(new CodeChange(mode, changes)));
    }
}
