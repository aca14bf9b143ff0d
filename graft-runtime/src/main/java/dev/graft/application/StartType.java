package dev.graft.application;

/**
 * How an application is started, the first argument of {@link Application#start}: OTP's
 * {@code normal | {takeover, Node} | {failover, Node}}. Takeover and failover move a
 * distributed application from one node to another; Graft runs applications on one node
 * (DESIGN decision 9), so every start is normal.
 */
public enum StartType {
    NORMAL;

    @Override
    public String toString() {
        return "normal";
    }
}
