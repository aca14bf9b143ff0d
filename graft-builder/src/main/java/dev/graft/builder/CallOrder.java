package dev.graft.builder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Orders modules so that a module comes before the modules that call it: the strongly connected
 * components of the call graph (Tarjan), which come out callees first; the modules of a cycle
 * stay together, in name order. Ties go by name, so the order is the same on every build.
 */
final class CallOrder {
    private final Map<String, SortedSet<String>> calls;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final List<String> order = new ArrayList<>();
    private int next;

    private CallOrder(Map<String, SortedSet<String>> calls) {
        this.calls = calls;
    }

    /**
     * @param modules the modules to order
     * @param callees each module's callees; only those among {@code modules} count
     */
    static List<String> of(Set<String> modules, Map<String, Set<String>> callees) {
        Map<String, SortedSet<String>> graph = new HashMap<>();
        for (String m : modules) {
            SortedSet<String> out = new TreeSet<>(callees.getOrDefault(m, Set.of()));
            out.retainAll(modules);
            out.remove(m);
            graph.put(m, out);
        }
        CallOrder o = new CallOrder(graph);
        for (String m : new TreeSet<>(modules)) {
            if (!o.index.containsKey(m)) {
                o.connect(m);
            }
        }
        return List.copyOf(o.order);
    }

    private void connect(String v) {
        index.put(v, next);
        low.put(v, next);
        next++;
        stack.push(v);
        for (String w : calls.get(v)) {
            if (!index.containsKey(w)) {
                connect(w);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            SortedSet<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            order.addAll(component);
        }
    }
}
