package dev.graft.behaviour;

import dev.graft.code.ModuleVersion;
import dev.graft.gen.From;
import dev.graft.gen.Gen;
import dev.graft.migrate.Migration;
import dev.graft.process.Proc;
import java.util.List;

/**
 * A generic server: Erlang's {@code gen_server}. A callback module implements this interface
 * and handles calls, casts and other messages with a state it gets back from each callback;
 * the generic loop — receiving, replying, timeouts, the sys protocol, termination — is
 * Graft's and knows nothing of the module.
 *
 * <pre>{@code
 * public final class Counter implements GenServer<Integer> {
 *     public static Pid start() { return GenServer.start(Counter.class, 0).pid(); }
 *     public static int next(Pid server) { return GenServer.call(server, "next"); }
 *
 *     public Init<Integer> init(Object start) { return Init.ok((Integer) start); }
 *     public CallResult<Integer> handleCall(Object request, From from, Integer n) {
 *         return new Reply<>(n, n + 1);
 *     }
 * }
 * }</pre>
 *
 * <p><b>Code change.</b> When the callback module is a loaded module, the loop calls its
 * current version at every message, so loading a new version changes the server's behaviour
 * at its next message. The state is then migrated structurally to the new version's types
 * (records and enums by name, see {@link Migration}) — without calling {@link #codeChange}, as
 * OTP does not call {@code code_change} on a plain load. The way to run {@code codeChange} is
 * the sys protocol: suspend, load, {@link dev.graft.sys.Sys#changeCode}, resume. A message of
 * an old version's type is migrated when the server takes it.
 *
 * <p>A callback module has a constructor without arguments; the loop makes one instance per
 * version and keeps nothing else of it, so callbacks keep their state in the state object.
 *
 * @param <S> the server's state
 */
public interface GenServer<S> {

    // ---- callbacks ----

    /** Makes the first state, in the new process, before its starter returns. */
    Init<S> init(Object args);

    /** Handles a {@link #call}; the default crashes the server, as OTP's does, with {@code bad_call}. */
    default CallResult<S> handleCall(Object request, From from, S state) {
        throw new IllegalStateException("bad_call: " + getClass().getName() + " handles no call; got " + request);
    }

    /** Handles a {@link #cast}; the default crashes the server with {@code bad_cast}. */
    default Result<S> handleCast(Object request, S state) {
        throw new IllegalStateException("bad_cast: " + getClass().getName() + " handles no cast; got " + request);
    }

    /**
     * Handles any other message, and {@link #TIMEOUT} when an idle timeout passes; the default
     * logs the message and keeps the state, as OTP's does.
     */
    default Result<S> handleInfo(Object info, S state) {
        System.getLogger("dev.graft.behaviour").log(System.Logger.Level.WARNING,
                () -> getClass().getName() + " " + Proc.self() + " received an unexpected message in handleInfo: " + info);
        return new NoReply<>(state);
    }

    /** Called when the server stops: by a stop result, a crash, or its parent's exit while trapping exits. */
    default void terminate(Object reason, S state) {}

    /**
     * Turns the state of an earlier version (or, for a downgrade, {@code oldVsn} is
     * {@link Down}) into this version's, during {@link dev.graft.sys.Sys#changeCode}. The state
     * is the old version's object: read it by converting it to a record of this version that
     * has its shape, with {@link Migration#convert}. A callback class of no module gets its state as it is. Throw to refuse: the server keeps its old
     * state and stays suspended, and changeCode fails with what was thrown as its reason, or,
     * for a {@link dev.graft.sys.CodeChangeException}, with that exception's reason. The
     * default migrates the state structurally.
     */
    @SuppressWarnings("unchecked")
    default S codeChange(Object oldVsn, Object oldState, Object extra) {
        return (S) ModuleVersion.of(getClass()).map(v -> Migration.migrate(oldState, v, "state")).orElse(oldState);
    }

    /** What {@link dev.graft.sys.Sys#getStatus} shows of the state; the default shows the state. */
    default Object formatStatus(S state) {
        return state;
    }

    /** The {@code oldVsn} of a downgrade: Erlang's {@code {down, Vsn}}. */
    record Down(Object vsn) {
        @Override
        public String toString() {
            return "{down," + vsn + "}";
        }
    }

    /** The message {@link #handleInfo} gets when an idle timeout passes: Erlang's {@code timeout}. */
    Object TIMEOUT = Gen.TIMEOUT;

    // ---- what callbacks return ----

    /** What {@link #init} returns. */
    sealed interface Init<S> {
        /** The server runs with {@code state}; {@code timeout} ms without a message makes a {@link #TIMEOUT}. */
        record Ok<S>(S state, long timeout) implements Init<S> {}

        /** The server does not run; its starter gets {@link StartResult.Ignore}. */
        record Ignore<S>() implements Init<S> {}

        /** The server does not run and exits with {@code reason}; its starter gets it as an error. */
        record Stop<S>(Object reason) implements Init<S> {}

        static <S> Init<S> ok(S state) {
            return new Ok<>(state, Proc.INFINITY);
        }

        static <S> Init<S> ok(S state, long timeoutMillis) {
            return new Ok<>(state, timeoutMillis);
        }

        static <S> Init<S> ignore() {
            return new Ignore<>();
        }

        static <S> Init<S> stop(Object reason) {
            return new Stop<>(reason);
        }
    }

    /** What {@link #handleCall} returns. */
    sealed interface CallResult<S> permits Reply, Result, StopReply {}

    /** What {@link #handleCast} and {@link #handleInfo} return. */
    sealed interface Result<S> extends CallResult<S> permits NoReply, Stop {}

    /** Answers the caller with {@code reply} and goes on with {@code state}. */
    record Reply<S>(Object reply, S state, long timeout) implements CallResult<S> {
        public Reply(Object reply, S state) {
            this(reply, state, Proc.INFINITY);
        }
    }

    /** Goes on with {@code state}; a caller is answered later, with {@link GenServer#reply}. */
    record NoReply<S>(S state, long timeout) implements Result<S> {
        public NoReply(S state) {
            this(state, Proc.INFINITY);
        }
    }

    /** Stops the server with {@code reason} after {@link #terminate}. */
    record Stop<S>(Object reason, S state) implements Result<S> {}

    /** Answers the caller with {@code reply}, then stops the server with {@code reason}. */
    record StopReply<S>(Object reason, Object reply, S state) implements CallResult<S> {}

    // ---- the client API ----

    /** Starts a server without a parent: Erlang's {@code gen_server:start/3}. */
    static StartResult start(Class<? extends GenServer<?>> module, Object args) {
        return GenServerProcess.start(null, module, args, false);
    }

    /** Starts a server registered as {@code name}. */
    static StartResult start(String name, Class<? extends GenServer<?>> module, Object args) {
        return GenServerProcess.start(name, module, args, false);
    }

    /** Starts a server linked to the caller, its parent: Erlang's {@code gen_server:start_link/3}. */
    static StartResult startLink(Class<? extends GenServer<?>> module, Object args) {
        return GenServerProcess.start(null, module, args, true);
    }

    static StartResult startLink(String name, Class<? extends GenServer<?>> module, Object args) {
        return GenServerProcess.start(name, module, args, true);
    }

    /**
     * Calls the server (a pid or a registered name) and waits up to 5 s for its reply. A caller
     * whose call times out or whose server dies exits with a {@link dev.graft.gen.CallFailed}
     * reason, as in OTP.
     */
    @SuppressWarnings("unchecked")
    static <T> T call(Object server, Object request) {
        return (T) Gen.call(server, from -> new GenServerProcess.Call(from, request),
                Gen.DEFAULT_TIMEOUT, "gen_server", "call", List.of(server, request));
    }

    /**
     * {@link #call(Object, Object)} with a timeout. A reply holding values of another version of
     * the module whose record the request is (a server already upgraded, a caller not yet) is
     * migrated to the request's version by the server before it answers.
     */
    @SuppressWarnings("unchecked")
    static <T> T call(Object server, Object request, long timeoutMillis) {
        return (T) Gen.call(server, from -> new GenServerProcess.Call(from, request),
                timeoutMillis, "gen_server", "call", List.of(server, request, timeoutMillis));
    }

    /** Sends the server a request without waiting; to a name that is not registered, nothing happens. */
    static void cast(Object server, Object request) {
        Gen.whereis(server).ifPresent(pid -> Proc.send(pid, new GenServerProcess.Cast(request)));
    }

    /** Answers a call the server took with {@link NoReply}: Erlang's {@code gen_server:reply/2}. */
    static void reply(From from, Object reply) {
        Gen.reply(from, reply);
    }

    /** Stops the server with reason {@code normal} and waits until it has terminated. */
    static void stop(Object server) {
        GenServerProcess.stop(server, dev.graft.process.Reason.NORMAL, Proc.INFINITY);
    }

    /**
     * Stops the server with {@code reason}, running its {@link #terminate}, and waits up to
     * {@code timeoutMillis} until it is gone: Erlang's {@code gen_server:stop/3}.
     */
    static void stop(Object server, Object reason, long timeoutMillis) {
        GenServerProcess.stop(server, reason, timeoutMillis);
    }
}
