package dev.graft.process;

/**
 * The message an exit signal becomes in a process that traps exits: Erlang's
 * {@code {'EXIT', From, Reason}}. {@code from} is the linked process that died, or the process
 * that called {@link Proc#exit(Pid, Object)}.
 */
public record Exit(Pid from, Object reason) {
    @Override
    public String toString() {
        return "{'EXIT'," + from + "," + reason + "}";
    }
}
