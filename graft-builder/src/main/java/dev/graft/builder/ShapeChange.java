package dev.graft.builder;

import dev.graft.builder.ModuleFacts.RecordShape;
import dev.graft.builder.ModuleFacts.RecordShape.Component;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A record nested in a module whose components changed between two builds, with what will
 * migrate its values: the module's own {@code codeChange}, or structural migration by
 * component name ({@code @Migration.From} for a renamed component, {@code @Migration.Default}
 * for a new one, primitive widening), whose steps and gaps this works out.
 *
 * @param before   the old shape, null if the new build adds the record
 * @param after    the new shape, null if the new build removes it
 * @param steps    how structural migration fills each new component, and what it drops
 * @param problems what structural migration cannot do; empty when {@code codeChange} migrates
 */
record ShapeChange(String record, RecordShape before, RecordShape after, String migratedBy, List<String> steps,
                   List<String> problems) {

    /** Primitive and boxed types, and what each widens to as Java widens them. */
    private static final Map<String, Set<String>> WIDENS = Map.of(
            "B", Set.of("S", "I", "J", "F", "D"),
            "S", Set.of("I", "J", "F", "D"),
            "C", Set.of("I", "J", "F", "D"),
            "I", Set.of("J", "F", "D"),
            "J", Set.of("F", "D"),
            "F", Set.of("D"));
    private static final Map<String, String> UNBOXED = Map.of(
            "Ljava/lang/Byte;", "B", "Ljava/lang/Short;", "S", "Ljava/lang/Character;", "C",
            "Ljava/lang/Integer;", "I", "Ljava/lang/Long;", "J", "Ljava/lang/Float;", "F", "Ljava/lang/Double;", "D");

    /** The change of the module's record {@code name}, if its shape changed; {@code module} is the new build's. */
    static Optional<ShapeChange> of(String name, RecordShape before, RecordShape after, ModuleFacts module) {
        if (before != null && after != null && sameShape(before, after)) {
            return Optional.empty();
        }
        if (module.definesCodeChange()) {
            return Optional.of(new ShapeChange(name, before, after, module.name() + ".codeChange", List.of(), List.of()));
        }
        List<String> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (after == null) {
            steps.add("removed: a value of it left in the state cannot be migrated (an error at install)");
        } else if (before != null) {
            Set<String> used = new HashSet<>();
            for (Component c : after.components()) {
                fill(c, before, steps, problems, used);
            }
            for (Component old : before.components()) {
                if (!used.contains(old.name())) {
                    steps.add(old.name() + ": dropped");
                }
            }
        }
        return Optional.of(new ShapeChange(name, before, after, "structural migration", steps, problems));
    }

    private static void fill(Component c, RecordShape before, List<String> steps, List<String> problems, Set<String> used) {
        String source = c.from() != null ? c.from() : c.name();
        Optional<Component> old = before.components().stream().filter(o -> o.name().equals(source)).findFirst();
        if (old.isEmpty()) {
            if (c.initial() != null) {
                steps.add(c.name() + ": new, starts as @Migration.Default(\"" + c.initial() + "\")");
            } else if (c.from() != null) {
                problems.add(c.name() + ": @Migration.From(\"" + c.from() + "\") names no component of the old record");
            } else {
                problems.add(c.name() + ": new, and has no @Migration.Default and no @Migration.From; give it one, "
                        + "or write a codeChange");
            }
            return;
        }
        used.add(source);
        String how = c.from() != null ? "renamed from " + source : "kept";
        if (old.get().descriptor().equals(c.descriptor())) {
            if (c.from() != null) {
                steps.add(c.name() + ": " + how);
            }
        } else if (widens(old.get().descriptor(), c.descriptor())) {
            steps.add(c.name() + ": " + how + ", widened from " + TypeNames.simple(old.get().type()));
        } else {
            problems.add(c.name() + ": " + TypeNames.simple(old.get().type()) + " -> " + TypeNames.simple(c.type())
                    + " is not a widening; structural migration cannot convert it: write a codeChange");
        }
    }

    private static boolean sameShape(RecordShape a, RecordShape b) {
        return a.components().stream().map(c -> c.name() + ":" + c.type()).toList()
                .equals(b.components().stream().map(c -> c.name() + ":" + c.type()).toList());
    }

    private static boolean widens(String from, String to) {
        String f = UNBOXED.getOrDefault(from, from);
        String t = UNBOXED.getOrDefault(to, to);
        boolean boxedBoth = UNBOXED.containsKey(from) == UNBOXED.containsKey(to);
        return boxedBoth && WIDENS.getOrDefault(f, Set.of()).contains(t);
    }

    /** {@code (String name, int count) -> (String name, int count, int upgrades)}. */
    String shapes() {
        return (before == null ? "(new)" : before.toString()) + " -> " + (after == null ? "(removed)" : after.toString());
    }
}
