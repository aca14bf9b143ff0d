package dev.graft.behaviour;

import dev.graft.process.Node;
import dev.graft.process.Pid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The behaviour processes of a node by callback module: which processes a new version of a
 * module must change the code of. OTP's release handler finds them by walking the supervision
 * trees' child specs, which misses servers started outside a tree and trusts each spec's
 * {@code Modules}; this index is kept by the behaviour loops themselves, from init to exit.
 *
 * <p>Thread-safe: processes add and remove themselves concurrently; {@link #running} is a
 * weakly consistent snapshot (a process starting or stopping meanwhile may or may not be in it).
 */
public final class BehaviourIndex {
    private final ConcurrentHashMap<String, Set<Pid>> byModule = new ConcurrentHashMap<>();
    private final Set<Pid> supervisors = ConcurrentHashMap.newKeySet();

    /** How a behaviour process is listed: under which callback module, and whether it is a supervisor. */
    record Entry(String module, boolean supervisor) {}

    private BehaviourIndex() {}

    /** The index of {@code node}. */
    public static BehaviourIndex of(Node node) {
        return node.service(BehaviourIndex.class, n -> new BehaviourIndex());
    }

    /** The live behaviour processes whose callback module is {@code module}, in no order. */
    public List<Pid> running(String module) {
        Set<Pid> pids = byModule.get(module);
        return pids == null ? List.of() : List.copyOf(pids);
    }

    /** The callback module of every live behaviour process: what each runs, for inspection. */
    public Map<Pid, String> callbackModules() {
        Map<Pid, String> modules = new HashMap<>();
        byModule.forEach((module, pids) -> pids.forEach(p -> modules.put(p, module)));
        return modules;
    }

    /** The live supervisors, whose child specs say which modules their children use. */
    public List<Pid> supervisors() {
        return List.copyOf(supervisors);
    }

    void add(Entry entry, Pid pid) {
        byModule.computeIfAbsent(entry.module(), m -> ConcurrentHashMap.newKeySet()).add(pid);
        if (entry.supervisor()) {
            supervisors.add(pid);
        }
    }

    void remove(String module, Pid pid) {
        Set<Pid> pids = byModule.get(module);
        if (pids != null) {
            pids.remove(pid);
        }
        supervisors.remove(pid);
    }
}
