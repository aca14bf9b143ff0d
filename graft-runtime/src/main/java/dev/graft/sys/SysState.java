package dev.graft.sys;

/** Whether a behaviour process handles its messages or, suspended, only system messages. */
public enum SysState {
    RUNNING, SUSPENDED;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
