package dev.graft.sys;

/** The reason sys gives for a request the process does not take now: {@code {unknown_system_msg, Msg}}. */
public record UnknownSystemMessage(SystemRequest request) {
    @Override
    public String toString() {
        return "{unknown_system_msg," + request + "}";
    }
}
