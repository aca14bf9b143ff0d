package dev.graft.release;

import dev.graft.release.AppupInstruction.DeleteModule;
import dev.graft.release.AppupInstruction.LoadModule;
import dev.graft.release.AppupInstruction.Update;
import dev.graft.term.Atom;
import dev.graft.term.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The dependency graph of a merged script ({@code systools_rc:make_dependency_graph} and
 * {@code get_dependent_instructions}): a vertex for each module that an {@code update},
 * {@code load_module} or {@code delete_module} instruction names ({@code add_module} has become
 * {@code load_module} by now), an edge from it to each of its DepMods.
 *
 * <p>A module may be the subject of one such instruction only ({@code {muldef_module, M}}),
 * and each DepMod must be the subject of one ({@code {undef_module, M}}), in any application.
 *
 * <p>{@link #component} gives the instructions of a weakly connected component in the order
 * systools emits them: a module before the modules it depends on (a topological order of the
 * condensation into strongly connected components), and within a cycle in script order.
 * Where the dependencies leave two modules unordered, systools' order comes from the hash
 * order of its {@code digraph}'s ETS tables, which no rule reproduces; here the one written
 * first in the merged script goes first.
 */
final class DependencyOrder {
    /** The instructions with a vertex, in script order: a vertex is its index here. */
    private final List<Step> vertices = new ArrayList<>();
    private final Map<String, Integer> vertexOf = new HashMap<>();
    /** For each vertex, the vertices of its DepMods. */
    private final List<List<Integer>> dependencies = new ArrayList<>();
    /** For each vertex, the vertices that name it among their DepMods. */
    private final List<List<Integer>> dependents = new ArrayList<>();

    private DependencyOrder() {}

    static boolean hasVertex(AppupInstruction instruction) {
        return instruction instanceof Update || instruction instanceof LoadModule || instruction instanceof DeleteModule;
    }

    /** The graph of the script's instructions; every module is added before any DepMod is looked up, as systools does. */
    static DependencyOrder of(List<Step> script) {
        DependencyOrder graph = new DependencyOrder();
        for (Step step : script) {
            if (hasVertex(step.instruction())) {
                String module = module(step.instruction());
                if (graph.vertexOf.putIfAbsent(module, graph.vertices.size()) != null) {
                    throw new RelupException(Tuple.of(Atom.of("muldef_module"), Atom.of(module)), step,
                            "module " + module + " is the subject of an earlier update, load_module, add_module or "
                                    + "delete_module instruction too; a module may be the subject of one only");
                }
                graph.vertices.add(step);
                graph.dependencies.add(new ArrayList<>());
                graph.dependents.add(new ArrayList<>());
            }
        }
        for (int v = 0; v < graph.vertices.size(); v++) {
            Step step = graph.vertices.get(v);
            for (String dependency : depMods(step.instruction())) {
                Integer d = graph.vertexOf.get(dependency);
                if (d == null) {
                    throw new RelupException(Tuple.of(Atom.of("undef_module"), Atom.of(dependency)), step,
                            "it depends on module " + dependency + ", which no update, load_module, add_module or "
                                    + "delete_module instruction of the release's scripts names");
                }
                graph.dependencies.get(v).add(d);
                graph.dependents.get(d).add(v);
            }
        }
        return graph;
    }

    /** The instructions of the weakly connected component of the step's instruction, in emission order. */
    List<Step> component(Step step) {
        List<Integer> members = weaklyConnected(vertexOf.get(module(step.instruction())));
        Map<Integer, Set<Integer>> reach = new HashMap<>();
        members.forEach(v -> reach.put(v, reachable(v)));
        // the strongly connected components, each in script order, listed by their first vertex
        List<List<Integer>> components = new ArrayList<>();
        Set<Integer> placed = new HashSet<>();
        for (int v : members) {
            if (placed.add(v)) {
                List<Integer> cycle = members.stream()
                        .filter(u -> u == v || reach.get(v).contains(u) && reach.get(u).contains(v))
                        .toList();
                placed.addAll(cycle);
                components.add(cycle);
            }
        }
        // each time, the first component on which no other remaining one depends
        List<Step> ordered = new ArrayList<>();
        while (!components.isEmpty()) {
            List<Integer> next = components.stream()
                    .filter(c -> components.stream().noneMatch(o -> o != c && reach.get(o.getFirst()).contains(c.getFirst())))
                    .findFirst().orElseThrow();
            components.remove(next);
            next.forEach(v -> ordered.add(vertices.get(v)));
        }
        return ordered;
    }

    /** The vertices joined to {@code start} by edges either way, in script order. */
    private List<Integer> weaklyConnected(int start) {
        return List.copyOf(new TreeSet<>(walk(List.of(start),
                v -> Stream.concat(dependencies.get(v).stream(), dependents.get(v).stream()).toList())));
    }

    /** The vertices a path of one or more edges leads to from {@code start}. */
    private Set<Integer> reachable(int start) {
        return walk(dependencies.get(start), dependencies::get);
    }

    /** The vertices {@code from} and those {@code next} leads to from them, again and again. */
    private static Set<Integer> walk(List<Integer> from, IntFunction<List<Integer>> next) {
        Set<Integer> reached = new HashSet<>();
        Deque<Integer> todo = new ArrayDeque<>(from);
        while (!todo.isEmpty()) {
            int v = todo.pop();
            if (reached.add(v)) {
                todo.addAll(next.apply(v));
            }
        }
        return reached;
    }

    private static String module(AppupInstruction instruction) {
        return switch (instruction) {
            case Update u -> u.module();
            case LoadModule l -> l.module();
            case DeleteModule d -> d.module();
            default -> throw new IllegalArgumentException("no module vertex for " + instruction);
        };
    }

    private static List<String> depMods(AppupInstruction instruction) {
        return switch (instruction) {
            case Update u -> u.depMods();
            case LoadModule l -> l.depMods();
            case DeleteModule d -> d.depMods();
            default -> List.of();
        };
    }
}
