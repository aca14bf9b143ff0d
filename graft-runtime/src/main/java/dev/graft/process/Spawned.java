package dev.graft.process;

/** What {@link Proc#spawnMonitor} returns: the new process and the monitor on it. */
public record Spawned(Pid pid, Ref ref) {}
