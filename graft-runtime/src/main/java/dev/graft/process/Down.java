package dev.graft.process;

/**
 * The message a monitor delivers once, when the monitored process dies or if it was already
 * dead: Erlang's {@code {'DOWN', Ref, process, Pid, Reason}}. The reason is {@link Reason#NOPROC}
 * when the process did not exist when the monitor was set.
 */
public record Down(Ref ref, Pid pid, Object reason) {
    @Override
    public String toString() {
        return "{'DOWN'," + ref + ",process," + pid + "," + reason + "}";
    }
}
