package dev.graft.code;

/** Erlang's {@code code:module_status/1}: how a loaded module compares with the code path. */
public enum ModuleStatus {
    /** Not loaded. */
    NOT_LOADED,
    /** Loaded, and the code path holds the same bytecode (by MD5), or it was made in memory. */
    LOADED,
    /** Loaded, and the code path holds different bytecode. */
    MODIFIED,
    /** Loaded, and the code path no longer has it. */
    REMOVED
}
