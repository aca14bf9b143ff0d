package dev.graft.gen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The exit reason of a caller whose call failed: Erlang's {@code {Reason, {Module, Function,
 * Args}}}, e.g. {@code {timeout,{gen_server,call,[<0.81.0>,get,5000]}}} or
 * {@code {noproc,{sys,get_status,[kv]}}}. {@code reason} is {@code timeout}, {@code noproc},
 * {@code calling_self}, or the exit reason of a server that died during the call.
 */
public record CallFailed(Object reason, String module, String function, List<Object> args) {
    public CallFailed {
        args = Collections.unmodifiableList(new ArrayList<>(args)); // a call's arguments may be null
    }

    @Override
    public String toString() {
        return "{" + reason + ",{" + module + "," + function + ","
                + args.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")) + "}}";
    }
}
