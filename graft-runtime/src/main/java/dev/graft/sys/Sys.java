package dev.graft.sys;

import dev.graft.gen.From;
import dev.graft.gen.Gen;
import dev.graft.process.Exit;
import dev.graft.process.LoopReceive;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.term.Atom;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The sys protocol, on any behaviour process (a GenServer, a supervisor): Erlang's {@code sys}.
 * Every function is a call to the process, with OTP's default timeout of 5 s; a caller whose
 * call times out, or whose process does not exist, exits with a
 * {@link dev.graft.gen.CallFailed} reason such as {@code {timeout,{sys,suspend,[<0.42.0>,100]}}}.
 * A request that timed out stays in the process's mailbox and takes effect when the process
 * gets to it, as in OTP: a timed-out suspend still suspends.
 *
 * <p>A suspended process handles only system messages (and its parent's exit); every other
 * message waits in its mailbox, in order, and is handled after {@link #resume}: calls, casts
 * and plain messages alike, even calls whose callers have given up.
 *
 * <p>The process side is {@link #handleSystemMessage}, which a behaviour loop calls with each
 * {@link SystemMessage} it receives.
 */
public final class Sys {
    public static final Atom OK = Atom.of("ok");
    private static final long DEFAULT = Gen.DEFAULT_TIMEOUT;

    private Sys() {}

    /** Suspends the process: it handles only system messages until {@link #resume}. Idempotent. */
    public static void suspend(Object server) {
        call(server, new SystemRequest.Suspend(), DEFAULT, "suspend", List.of(server));
    }

    public static void suspend(Object server, long timeoutMillis) {
        call(server, new SystemRequest.Suspend(), timeoutMillis, "suspend", List.of(server, timeoutMillis));
    }

    /** Resumes a suspended process; idempotent. */
    public static void resume(Object server) {
        call(server, new SystemRequest.Resume(), DEFAULT, "resume", List.of(server));
    }

    public static void resume(Object server, long timeoutMillis) {
        call(server, new SystemRequest.Resume(), timeoutMillis, "resume", List.of(server, timeoutMillis));
    }

    /**
     * Changes a suspended process's state for the module's current code: a GenServer runs its
     * {@code codeChange(oldVsn, state, extra)}, or migrates its state structurally when the
     * callback module has none. The process stays suspended.
     *
     * @throws CodeChangeException if the process is not suspended
     *         ({@link UnknownSystemMessage}) or the change failed; the state is then unchanged
     */
    public static void changeCode(Object server, String module, Object oldVsn, Object extra) {
        changeCode(server, module, oldVsn, extra, DEFAULT);
    }

    public static void changeCode(Object server, String module, Object oldVsn, Object extra, long timeoutMillis) {
        Object answer = call(server, new SystemRequest.ChangeCode(module, oldVsn, extra), timeoutMillis, "change_code",
                timeoutMillis == DEFAULT ? Arrays.asList(server, module, oldVsn, extra)
                        : Arrays.asList(server, module, oldVsn, extra, timeoutMillis));
        if (answer instanceof Refused r) {
            throw new CodeChangeException(r.reason());
        }
    }

    /** The process's state, running or suspended. */
    public static Object getState(Object server) {
        return call(server, new SystemRequest.GetState(), DEFAULT, "get_state", List.of(server));
    }

    public static Object getState(Object server, long timeoutMillis) {
        return call(server, new SystemRequest.GetState(), timeoutMillis, "get_state", List.of(server, timeoutMillis));
    }

    /**
     * Replaces the process's state by {@code function(state)} and returns the new state. A
     * function that throws leaves the state as it was, and the caller exits with
     * {@link CallbackFailed}.
     */
    public static Object replaceState(Object server, UnaryOperator<Object> function) {
        return call(server, new SystemRequest.ReplaceState(function), DEFAULT, "replace_state", List.of(server, function));
    }

    public static Object replaceState(Object server, UnaryOperator<Object> function, long timeoutMillis) {
        return call(server, new SystemRequest.ReplaceState(function), timeoutMillis, "replace_state",
                List.of(server, function, timeoutMillis));
    }

    public static Status getStatus(Object server) {
        return (Status) call(server, new SystemRequest.GetStatus(), DEFAULT, "get_status", List.of(server));
    }

    public static Status getStatus(Object server, long timeoutMillis) {
        return (Status) call(server, new SystemRequest.GetStatus(), timeoutMillis, "get_status", List.of(server, timeoutMillis));
    }

    /** Makes the process terminate with {@code reason}, running its terminate logic; suspended or not. */
    public static void terminate(Object server, Object reason) {
        call(server, new SystemRequest.Terminate(reason), DEFAULT, "terminate", Arrays.asList(server, reason));
    }

    public static void terminate(Object server, Object reason, long timeoutMillis) {
        call(server, new SystemRequest.Terminate(reason), timeoutMillis, "terminate", Arrays.asList(server, reason, timeoutMillis));
    }

    private static Object call(Object server, SystemRequest request, long timeout, String function, List<Object> what) {
        Object answer = Gen.call(server, from -> new SystemMessage(from, request), timeout, "sys", function, what);
        if (answer instanceof Crashed c) {
            throw Proc.exit(c.reason());
        }
        return answer;
    }

    /** A change_code answer that is an error. */
    private record Refused(Object reason) {}

    /** An answer that makes the caller exit. */
    private record Crashed(CallbackFailed reason) {}

    // ---- the process side ----

    /**
     * Handles a system message in the process that received it, Erlang's
     * {@code sys:handle_system_msg}: answers it and returns, or, for a suspend, answers and then
     * handles only system messages and its parent's exit until a resume, leaving every other
     * message in the mailbox. Returns when the process runs again; a terminate request or a
     * parent's exit while suspended ends the process through {@link SystemProcess#systemTerminate}.
     *
     * <p>For the runtime's behaviour loops only: while suspended the process waits in a
     * {@link LoopReceive}, which vouches that no module code is on its stack.
     *
     * @param held the change of a {@link CodeChangeBatch} the process has, or null: while it
     *        is suspended, what may be taken is what the change {@link HeldChange#accepts}
     * @return the change of a batch the process has now, which its loop keeps until the batch
     *         decides or the change goes stale; null if none
     */
    public static HeldChange handleSystemMessage(SystemMessage message, Pid parent, SystemProcess process, HeldChange held) {
        Handling h = new Handling(process, parent, held);
        h.answer(message);
        while (h.suspended) {
            Object m = LoopReceive.receiveWithoutSpin(x -> (x instanceof SystemMessage
                    || (parent != null && x instanceof Exit e && e.from().equals(parent)))
                    && (h.held == null || h.held.accepts(x)), Proc.INFINITY);
            if (h.held != null && h.held.settle(process)) {
                h.held = null;
            }
            if (m instanceof Exit e) {
                process.systemTerminate(e.reason());
            }
            h.answer((SystemMessage) m);
        }
        return h.held;
    }

    /** One process's handling of system messages, from the first until it runs again. */
    private static final class Handling {
        private final SystemProcess process;
        private final Pid parent;
        boolean suspended;
        HeldChange held;

        Handling(SystemProcess process, Pid parent, HeldChange held) {
            this.process = process;
            this.parent = parent;
            this.held = held;
        }

        void answer(SystemMessage message) {
            From from = message.from();
            SysState state = suspended ? SysState.SUSPENDED : SysState.RUNNING;
            switch (message.request()) {
                case SystemRequest.Suspend s -> {
                    suspended = true;
                    Gen.reply(from, OK);
                }
                case SystemRequest.Resume r -> {
                    suspended = false;
                    Gen.reply(from, OK);
                }
                case SystemRequest.ChangeCode c -> {
                    if (!suspended) {
                        Gen.reply(from, new Refused(new UnknownSystemMessage(c)));
                        return;
                    }
                    try {
                        process.systemCodeChange(c.module(), c.oldVsn(), c.extra());
                        Gen.reply(from, OK);
                    } catch (CodeChangeException e) {
                        Gen.reply(from, new Refused(e.reason()));
                    }
                }
                case SystemRequest.PrepareCodeChange p -> prepare(p.batch(), p.index());
                case SystemRequest.Nudge n -> { }
                case SystemRequest.GetState g -> {
                    try {
                        Gen.reply(from, process.systemGetState());
                    } catch (RuntimeException e) {
                        Gen.reply(from, new Crashed(new CallbackFailed(process.module() + ".systemGetState", e)));
                    }
                }
                case SystemRequest.ReplaceState r -> {
                    try {
                        Gen.reply(from, process.systemReplaceState(r.function()));
                    } catch (RuntimeException e) {
                        Gen.reply(from, new Crashed(new CallbackFailed("replaceState function " + r.function(), e)));
                    }
                }
                case SystemRequest.GetStatus g -> Gen.reply(from,
                        new Status(Proc.self(), process.module(), state, parent, process.formatStatus(state)));
                case SystemRequest.Terminate t -> {
                    Gen.reply(from, OK);
                    process.systemTerminate(t.reason());
                }
            }
        }

        /** Prepares a batch's change; refused while the process has another batch's change, which would be lost. */
        private void prepare(CodeChangeBatch batch, int index) {
            if (held != null) {
                batch.answer(index, new CodeChangeBatch.InAnotherBatch(held.batch));
                return;
            }
            try {
                held = batch.change(process.systemPrepareCodeChange(batch.target, batch.oldVsn, batch.extra));
                batch.answer(index, held);
            } catch (CodeChangeException e) {
                batch.answer(index, e.reason());
            }
        }
    }
}
