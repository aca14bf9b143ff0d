package dev.graft.process;

/** A process body that is told how its process ended, even if it never ran (killed first). */
interface ExitObserver {
    /** Called once, by the dying process, after its links and monitors were told. */
    void exited(Object reason);
}
