package dev.graft.release;

import dev.graft.process.Pid;
import java.util.List;
import java.util.Map;

/**
 * What installing a release would do, for a person to read before it is done
 * ({@code check_install_release}): the modules loaded, the processes whose state migrates
 * (and with which version's {@code codeChange}), and the processes each purge would kill.
 * Computing it changes nothing, except with the {@code purge} option, which then removes old
 * code no process runs.
 *
 * @param purged the modules whose old code the {@code purge} option removed (none without it)
 */
public record InstallPlan(String from, String to, List<String> load, Map<String, List<Pid>> codeChange,
                          Map<String, List<Pid>> purgeKills, List<String> remove, List<String> apply,
                          List<String> purged) {
    public InstallPlan {
        load = List.copyOf(load);
        codeChange = Map.copyOf(codeChange);
        purgeKills = Map.copyOf(purgeKills);
        remove = List.copyOf(remove);
        apply = List.copyOf(apply);
        purged = List.copyOf(purged);
    }

    /** The plan as text, one line per step. */
    public String describe() {
        StringBuilder b = new StringBuilder("install " + to + " over " + from + "\n");
        load.forEach(m -> b.append("  load        ").append(m).append('\n'));
        codeChange.forEach((m, pids) -> b.append("  code change ").append(m).append(": ").append(pids.size())
                .append(" process(es) migrate their state\n"));
        purgeKills.forEach((m, pids) -> b.append("  purge       ").append(m)
                .append(pids.isEmpty() ? ": kills no process" : ": kills " + pids).append('\n'));
        remove.forEach(m -> b.append("  remove      ").append(m).append('\n'));
        apply.forEach(a -> b.append("  apply       ").append(a).append('\n'));
        purged.forEach(m -> b.append("  purged      ").append(m).append(": its old code, which no process ran\n"));
        return b.toString();
    }
}
