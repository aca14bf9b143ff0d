package dev.graft.release;

/**
 * What becomes of the processes still running a module's old code when it is replaced
 * ({@code PrePurge}) or after ({@code PostPurge}); appup(5).
 */
public enum PurgeMethod {
    /**
     * Before: the installation fails up front ({@code {error, {old_processes, Mod}}}) if a
     * process runs old code. After: purged when no process runs it any more.
     */
    SOFT_PURGE,
    /** The processes running old code are killed. The default. */
    BRUTAL_PURGE
}
