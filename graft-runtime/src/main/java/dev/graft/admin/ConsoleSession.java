package dev.graft.admin;

import dev.graft.process.Io;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.ProcessExit;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

/**
 * A console inside the node: Java snippets compiled by {@code jdk.jshell} and run in this JVM by
 * one evaluator process of the node, as an Erlang shell's lines are run by its evaluator. The
 * evaluator prints to the console, and so does every process a snippet spawns (Erlang's group
 * leader); {@code System.out} inside a process prints there too (see {@link ProcessOutput}).
 * Snippets see the runtime's classes, a {@code node} variable and the
 * {@linkplain ConsoleHelpers helpers}, statically imported.
 *
 * <p>Not thread-safe: one admin connection drives a session, one request at a time. Output of
 * processes the snippets spawned may arrive at any time; the sink must accept that.
 */
final class ConsoleSession implements AutoCloseable {
    /** The outcome of evaluating input: more input needed, evaluated, or failed. */
    enum Outcome { MORE, OK, ERROR }

    /** What a request gets back: the outcome and the text for the person (values, errors). */
    record Result(Outcome outcome, String text) {}

    /** A snippet for the evaluator process to run, and where its result goes. */
    private record Run(Callable<Object> body, CompletableFuture<Object> result) {}

    /** The session a console helper is called from: bound in the evaluator process. */
    static final ScopedValue<ConsoleSession> CURRENT = ScopedValue.newInstance();

    private static final List<String> PRELUDE = List.of(
            "import dev.graft.process.*;",
            "import dev.graft.code.*;",
            "import dev.graft.behaviour.*;",
            "import dev.graft.sys.*;",
            "import dev.graft.application.ApplicationController;",
            "import java.util.*;",
            "import static dev.graft.admin.ConsoleHelpers.*;",
            "final Node node = dev.graft.admin.ConsoleHelpers.node();");

    private final NodeAdmin admin;
    private final LineOutput lines;
    private final PrintStream out;
    private final JShell jshell;
    private final StringBuilder pending = new StringBuilder();
    private Pid evaluator;

    private ConsoleSession(NodeAdmin admin, Consumer<String> sink) {
        this.admin = admin;
        this.lines = new LineOutput(sink);
        this.out = new PrintStream(lines, true, StandardCharsets.UTF_8);
        this.jshell = JShell.builder()
                .executionEngine(SnippetControl.provider(this), Map.of())
                .compilerOptions("--class-path", System.getProperty("java.class.path"))
                .out(out).err(out)
                .build();
    }

    /** A session whose output lines go to {@code sink}, with the prelude evaluated. */
    static ConsoleSession open(NodeAdmin admin, Consumer<String> sink) {
        ConsoleSession s = new ConsoleSession(admin, sink);
        for (String line : PRELUDE) {
            Result r = s.evalAll(line);
            if (r.outcome() != Outcome.OK) {
                s.close();
                throw new IllegalStateException("the console prelude failed at '" + line + "': " + r.text());
            }
        }
        return s;
    }

    NodeAdmin admin() {
        return admin;
    }

    /**
     * A line typed at the console: evaluated once it completes a snippet (or several), else
     * kept, answering {@link Outcome#MORE}.
     */
    Result evalLine(String line) {
        pending.append(line).append('\n');
        SourceCodeAnalysis.CompletionInfo info = jshell.sourceCodeAnalysis().analyzeCompletion(pending.toString());
        if (!info.completeness().isComplete() && info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
            return new Result(Outcome.MORE, "");
        }
        String text = pending.toString();
        pending.setLength(0);
        return evalAll(text);
    }

    /** Whole snippets, evaluated in order until one fails; an incomplete one is an error. */
    Result evalAll(String text) {
        StringBuilder shown = new StringBuilder();
        String rest = text;
        try {
            while (!rest.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = jshell.sourceCodeAnalysis().analyzeCompletion(rest);
                if (!info.completeness().isComplete()) {
                    return new Result(Outcome.ERROR, shown + "incomplete snippet: " + rest.strip());
                }
                rest = info.remaining();
                for (SnippetEvent e : jshell.eval(info.source())) {
                    if (e.causeSnippet() != null) {
                        continue; // a dependent snippet updated: jshell's own bookkeeping
                    }
                    if (!describe(e, shown)) {
                        return new Result(Outcome.ERROR, shown.toString().stripTrailing());
                    }
                }
            }
            return new Result(Outcome.OK, shown.toString().stripTrailing());
        } finally {
            lines.drain();
        }
    }

    /** Appends what jshell would show for the event; false if the snippet failed. */
    private boolean describe(SnippetEvent e, StringBuilder shown) {
        Snippet s = e.snippet();
        if (e.exception() != null) {
            shown.append(describe(e.exception())).append('\n');
            return false;
        }
        if (e.status() == Snippet.Status.REJECTED) {
            jshell.diagnostics(s).forEach(d -> shown.append(describe(d, s.source())));
            return false;
        }
        if (!e.status().isDefined() || e.status() == Snippet.Status.RECOVERABLE_DEFINED) {
            List<String> missing = s instanceof jdk.jshell.DeclarationSnippet d ? jshell.unresolvedDependencies(d).toList() : List.of();
            shown.append("declared ").append(s.kind().toString().toLowerCase(Locale.ROOT)).append(' ')
                    .append(s instanceof jdk.jshell.PersistentSnippet p ? p.name() : s.source().strip())
                    .append(", but it cannot be used until ").append(String.join(", ", missing)).append(" is declared\n");
            return true;
        }
        switch (s) {
            case VarSnippet v -> shown.append(v.name()).append(" ==> ").append(e.value()).append('\n');
            case ExpressionSnippet x when !x.typeName().equals("void") ->
                    shown.append(x.name()).append(" ==> ").append(e.value()).append('\n');
            case MethodSnippet m when e.previousStatus() == Snippet.Status.NONEXISTENT ->
                    shown.append("created method ").append(m.name()).append('(').append(m.parameterTypes()).append(")\n");
            case TypeDeclSnippet t when e.previousStatus() == Snippet.Status.NONEXISTENT ->
                    shown.append("created ").append(t.kind().toString().toLowerCase(Locale.ROOT).replace("_subkind", ""))
                            .append(' ').append(t.name()).append('\n');
            default -> { }
        }
        return true;
    }

    private static String describe(JShellException x) {
        StringBuilder b = new StringBuilder("Exception ");
        b.append(x instanceof EvalException ee ? ee.getExceptionClassName() : x.getClass().getName());
        if (x.getMessage() != null) {
            b.append(": ").append(x.getMessage());
        }
        for (StackTraceElement f : x.getStackTrace()) {
            b.append("\n      at ").append(f.getClassName().isEmpty() ? "" : f.getClassName() + "." + f.getMethodName())
                    .append('(').append(f.getFileName()).append(':').append(f.getLineNumber()).append(')');
        }
        if (x.getCause() instanceof JShellException cause) {
            b.append("\nCaused by: ").append(describe(cause));
        }
        return b.toString();
    }

    private static String describe(Diag d, String source) {
        int start = (int) d.getStartPosition();
        int lineStart = source.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        int lineEnd = source.indexOf('\n', start);
        String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
        return (d.isError() ? "Error: " : "Warning: ") + d.getMessage(Locale.ROOT) + "\n  " + line + "\n  "
                + " ".repeat(Math.max(0, start - lineStart)) + "^\n";
    }

    /**
     * Runs a snippet's body in the evaluator process, started on first use and again after a
     * snippet made it exit; returns its result or throws what it threw.
     */
    Object run(Callable<Object> body) throws Exception {
        CompletableFuture<Object> result = new CompletableFuture<>();
        admin.node().send(evaluator(), new Run(body, result));
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw (Error) e.getCause();
        }
    }

    private Pid evaluator() {
        if (evaluator == null || admin.node().info(evaluator).isEmpty()) {
            evaluator = admin.node().spawn(() -> {
                Io.setOut(out);
                ScopedValue.where(CURRENT, this).call(ConsoleSession::evaluate);
            });
        }
        return evaluator;
    }

    /** The evaluator's loop: one snippet at a time; an exit of the process fails the snippet and ends the loop. */
    private static Object evaluate() {
        for (;;) {
            Run run = Proc.receive(Run.class);
            try {
                run.result().complete(run.body().call());
            } catch (ProcessExit exit) {
                run.result().completeExceptionally(exit);
                throw exit;
            } catch (Throwable t) {
                run.result().completeExceptionally(t);
            }
        }
    }

    @Override
    public void close() {
        jshell.close();
        if (evaluator != null) {
            admin.node().exit(evaluator, dev.graft.process.Reason.KILL);
        }
    }
}
