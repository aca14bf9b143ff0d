package dev.graft.release;

import dev.graft.process.Pid;
import java.util.List;
import java.util.Map;

/**
 * What installing a release would do, for a person to read before it is done
 * ({@code check_install_release}): the modules loaded, the processes whose state migrates
 * (and with which version's {@code codeChange}), the processes a pre-purge kills, and those
 * left running the code a load replaces, with what becomes of them. Computing it changes
 * nothing, except with the {@code purge} option, which then removes old code no process runs.
 *
 * @param purgeKills  per module loaded or removed, the processes still in its old code, which
 *                    its pre-purge kills (a soft pre-purge refuses the install instead)
 * @param oldCodeLeft per module loaded or removed, the processes that go on running the
 *                    version it replaces, and the post-purge that decides their end: a soft one
 *                    waits for them, a brutal one kills them at make_permanent
 * @param purged      the modules whose old code the {@code purge} option removed (none without it)
 */
public record InstallPlan(String from, String to, List<String> load, Map<String, List<Pid>> codeChange,
                          Map<String, List<Pid>> purgeKills, Map<String, OldCode> oldCodeLeft, List<String> remove,
                          List<String> apply, List<String> purged) {
    /** The processes left in a replaced version, and its post-purge method. */
    public record OldCode(List<Pid> processes, PurgeMethod postPurge) {
        public OldCode {
            processes = List.copyOf(processes);
        }
    }

    public InstallPlan {
        load = List.copyOf(load);
        codeChange = Map.copyOf(codeChange);
        purgeKills = Map.copyOf(purgeKills);
        oldCodeLeft = Map.copyOf(oldCodeLeft);
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
        purgeKills.forEach((m, pids) -> b.append("  purge       ").append(m).append(": kills ").append(pids).append('\n'));
        oldCodeLeft.forEach((m, left) -> b.append("  old code    ").append(m).append(": ").append(left.processes())
                .append(left.postPurge() == PurgeMethod.BRUTAL_PURGE ? " run on in it until make_permanent kills them\n"
                        : " run on in it; a soft purge waits for them to leave\n"));
        remove.forEach(m -> b.append("  remove      ").append(m).append('\n'));
        apply.forEach(a -> b.append("  apply       ").append(a).append('\n'));
        purged.forEach(m -> b.append("  purged      ").append(m).append(": its old code, which no process ran\n"));
        return b.toString();
    }
}
