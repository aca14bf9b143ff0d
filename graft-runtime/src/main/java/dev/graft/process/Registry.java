package dev.graft.process;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's registered names: Erlang's {@code register/2}, {@code unregister/1},
 * {@code whereis/1}. A process has at most one name and a name at most one process; the name
 * is released when its process dies.
 *
 * <p>Thread-safety: {@code names} is the source of truth for lookups; a process's own
 * {@code registeredName} is changed under its lock together with {@code names}, so a name is
 * never left to a process that has died (death takes the name under the same lock).
 */
final class Registry {
    private final ConcurrentHashMap<String, ProcessCell> names = new ConcurrentHashMap<>();

    void register(String name, ProcessCell cell) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("register: a name must be a non-empty string, got " + (name == null ? "null" : "\"\""));
        }
        synchronized (cell) {
            if (cell.isDeadLocked()) {
                throw new IllegalArgumentException("register: cannot register \"" + name + "\" to " + cell.pid + ": the process is not alive");
            }
            if (cell.registeredName != null) {
                throw new IllegalArgumentException("register: cannot register \"" + name + "\" to " + cell.pid
                        + ": it is already registered as \"" + cell.registeredName + "\"");
            }
            ProcessCell holder = names.putIfAbsent(name, cell);
            if (holder != null) {
                throw new IllegalArgumentException("register: the name \"" + name + "\" is already registered to " + holder.pid);
            }
            cell.registeredName = name;
        }
    }

    void unregister(String name) {
        ProcessCell cell = names.get(name);
        if (cell != null) {
            synchronized (cell) {
                if (name.equals(cell.registeredName) && names.remove(name, cell)) {
                    cell.registeredName = null;
                    return;
                }
            }
        }
        throw new IllegalArgumentException("unregister: no process is registered as \"" + name + "\"");
    }

    /** Drops a dead process's name; its lock is no longer needed (death cleared the field). */
    void release(String name, ProcessCell cell) {
        names.remove(name, cell);
    }

    ProcessCell whereis(String name) {
        return names.get(name);
    }

    List<String> registered() {
        return names.keySet().stream().sorted().toList();
    }
}
