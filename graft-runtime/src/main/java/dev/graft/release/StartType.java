package dev.graft.release;

/**
 * How a release starts an application (rel(5)), and how {@code add_application} adds one. The
 * first three are {@code application:start/2}'s restart types.
 */
public enum StartType {
    /** If the application stops, the node stops. The default. */
    PERMANENT,
    /** If the application stops for a reason other than {@code normal}, the node stops. */
    TRANSIENT,
    /** If the application stops, it is reported and the node goes on. */
    TEMPORARY,
    /** Loaded, not started. */
    LOAD,
    /** Neither loaded nor started; its modules are still loaded. */
    NONE
}
