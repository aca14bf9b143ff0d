package dev.graft.sys;

import dev.graft.process.Pid;

/**
 * What {@link Sys#getStatus} returns: Erlang's {@code {status, Pid, {module, Mod}, [PDict,
 * SysState, Parent, Debug, Misc]}}, without the process dictionary and debug options Graft
 * does not have. {@code parent} is null for a process started without a parent (start, not
 * startLink).
 */
public record Status(Pid pid, String module, SysState sysState, Pid parent, Object misc) {
    @Override
    public String toString() {
        return "{status," + pid + ",{module," + module + "},[" + sysState + "," + parent + "," + misc + "]}";
    }
}
