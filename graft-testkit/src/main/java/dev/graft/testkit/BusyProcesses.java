package dev.graft.testkit;

import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.ProcessInfo;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a node's processes are doing, for the report of a step that did not finish: every
 * process but those idle in a behaviour's loop or a plain receive, with its registered name or
 * initial call and the innermost frames of its stack. A stuck install shows here as the
 * release handler's process waiting in the call that never returns.
 */
final class BusyProcesses {
    private static final int FRAMES = 12;

    private BusyProcesses() {}

    static String describe(Node node) {
        StringBuilder b = new StringBuilder();
        for (Pid p : node.processes()) {
            Optional<ProcessInfo> info = node.info(p);
            StackTraceElement[] stack = node.stackTrace(p);
            if (info.isEmpty() || idle(stack)) {
                continue;
            }
            b.append("\n  ").append(p).append(" (").append(info.get().registeredName().orElse(info.get().initialCall()))
                    .append(", ").append(info.get().status()).append(")");
            Arrays.stream(stack).filter(f -> !f.getClassName().startsWith("java.") && !f.getClassName().startsWith("jdk."))
                    .limit(FRAMES).forEach(f -> b.append("\n      at ").append(f));
        }
        return b.isEmpty() ? " none: every process is idle" : b.toString();
    }

    /** Waiting for a message where nothing but the runtime is on the stack above the process's own function. */
    private static boolean idle(StackTraceElement[] stack) {
        String frames = Arrays.stream(stack).map(StackTraceElement::getClassName).collect(Collectors.joining(" "));
        return frames.contains("dev.graft.process.LoopReceive") || stack.length == 0;
    }
}
