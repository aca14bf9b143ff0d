package dev.graft.testkit;

import dev.graft.behaviour.BehaviourIndex;
import dev.graft.code.ModuleVersion;
import dev.graft.migrate.Migration;
import dev.graft.migrate.MigrationException;
import dev.graft.process.Pid;
import dev.graft.process.ProcessInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of every GenServer of a release's modules at one moment ({@code sys:get_state}),
 * to compare with another moment: a state round-trips if, brought to the version the server
 * runs now by Graft's structural migration (records of the callback module matched by name),
 * it equals the state the server has now. Supervisors are left out: their state holds their
 * child specs' lambdas, which belong to one version of the module; their children are compared.
 * A server is known by its registered name if it has one (a supervisor's restarted child is
 * the same server under a new pid), else by its pid.
 */
final class StateSnapshot {
    /** One server's state, its callback module, and how to name it: its pid and registered name. */
    private record Sample(String module, Object state, String name) {}

    /** By registered name, else by pid. */
    private final Map<Object, Sample> samples;

    private StateSnapshot(Map<Object, Sample> samples) {
        this.samples = samples;
    }

    static StateSnapshot take(ReleaseNode node) {
        List<Pid> supervisors = BehaviourIndex.of(node.node()).supervisors();
        Map<Object, Sample> samples = new LinkedHashMap<>();
        node.behaviourProcesses().forEach((module, pids) -> pids.stream().filter(p -> !supervisors.contains(p)).forEach(p -> {
            Optional<String> registered = node.node().info(p).flatMap(ProcessInfo::registeredName);
            samples.put(registered.<Object>map(n -> n).orElse(p),
                    new Sample(module, node.state(p), p + registered.map(n -> " " + n).orElse("") + " (" + module + ")"));
        }));
        return new StateSnapshot(samples);
    }

    /**
     * How {@code now} differs from this snapshot, one line per server: a server of this snapshot
     * that is gone, or whose state is not this snapshot's (migrated to its current version).
     * {@code then} and {@code later} name the two moments in the lines.
     */
    List<String> differences(StateSnapshot now, ReleaseNode node, String then, String later) {
        List<String> lines = new ArrayList<>();
        samples.forEach((server, before) -> {
            Sample after = now.samples.get(server);
            if (after == null) {
                lines.add(before.name() + " had state " + before.state() + " " + then
                        + " and is gone " + later);
                return;
            }
            Optional<ModuleVersion> current = node.codeServer().isLoaded(after.module());
            Object expected;
            try {
                expected = current.isPresent() ? Migration.migrate(before.state(), current.get(), "state") : before.state();
            } catch (MigrationException e) {
                lines.add(before.name() + ": its state " + then + " cannot be brought to "
                        + current.get() + " to compare: " + e.getMessage());
                return;
            }
            if (!Objects.equals(expected, after.state())) {
                lines.add(before.name() + ": state " + then + " " + before.state() + ", "
                        + later + " " + after.state());
            }
        });
        return lines;
    }
}
