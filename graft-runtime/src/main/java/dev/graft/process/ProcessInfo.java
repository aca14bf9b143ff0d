package dev.graft.process;

import java.util.List;
import java.util.Optional;

/**
 * A snapshot of a live process, as Erlang's {@code process_info/2} gives it.
 *
 * @param status             what the process is doing
 * @param messageQueueLength messages in its mailbox
 * @param registeredName     its registered name, if any
 * @param links              the processes it is linked to
 * @param monitors           the processes it monitors
 * @param monitoredBy        the processes that monitor it
 * @param trapExit           whether exit signals become {@link Exit} messages
 * @param initialCall        what it was spawned to run: {@code Module.function/arity} or a lambda's class
 * @param currentModule      the module version it is executing, {@code module@vsn} (the class
 *                           loader of its innermost frame of a loaded module), if any
 * @param groupLeader        the process whose group it belongs to, if any (see
 *                           {@link Proc#groupLeader(Pid, Pid)})
 */
public record ProcessInfo(
        Pid pid,
        Status status,
        int messageQueueLength,
        Optional<String> registeredName,
        List<Pid> links,
        List<Pid> monitors,
        List<Pid> monitoredBy,
        boolean trapExit,
        String initialCall,
        Optional<String> currentModule,
        Optional<Pid> groupLeader) {

    /** Erlang's process statuses that a Graft process can be in. */
    public enum Status {
        /** Running or ready to run. */
        RUNNING,
        /** Blocked in a receive, waiting for a message. */
        WAITING,
        /** Held by {@link Proc#suspendProcess}: it runs no further until resumed. */
        SUSPENDED,
        /** Told to exit, and on its way out. */
        EXITING
    }
}
