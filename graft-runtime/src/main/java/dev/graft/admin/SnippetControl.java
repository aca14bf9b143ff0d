package dev.graft.admin;

import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * jshell's in-process execution, with every snippet run by the console session's evaluator
 * process ({@link ConsoleSession#run}), so a snippet is a Graft process as a line typed in an
 * Erlang shell is: it can receive, call a GenServer, link, and what it spawns prints to the
 * console. Snippet classes are defined in a loader whose parent is the system class loader,
 * which in a node started by the command ({@code -cp ROOT/lib/graft/*}) is Graft's: snippets see
 * the same runtime classes, and the same node, as the code that booted it. (jshell's
 * {@code LocalExecutionControl} would run each snippet in a thread of its own, and rewrites
 * snippets to be stoppable; a snippet here is stopped only by exiting its process.)
 */
final class SnippetControl extends DirectExecutionControl {
    private final ConsoleSession session;

    private SnippetControl(ConsoleSession session) {
        this.session = session;
    }

    /** The provider a {@code JShell.builder().executionEngine(...)} takes. */
    static ExecutionControlProvider provider(ConsoleSession session) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "graft";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return new SnippetControl(session);
            }
        };
    }

    /** Runs the snippet's method in the evaluator process; throws what {@link Method#invoke} would. */
    @Override
    protected String invoke(Method doitMethod) throws Exception {
        return valueString(session.run(() -> doitMethod.invoke(null)));
    }
}
