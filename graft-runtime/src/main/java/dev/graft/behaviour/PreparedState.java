package dev.graft.behaviour;

/**
 * A state a code change computed without touching the state it came from, and that becomes
 * the state only when the change is installed: what lets a behaviour whose state holds live
 * structures (a supervisor's children) take part in a batch that may still abort.
 */
interface PreparedState {
    /** Applies the change, in the process, at install; returns the state to go on with. */
    Object install();
}
