package dev.graft.gen;

import dev.graft.process.Down;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import dev.graft.term.Atom;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The call protocol that GenServer, sys and the supervisor share: Erlang's {@code gen}. A call
 * monitors the server, sends it a request that carries a {@link From}, and waits for the
 * {@link #reply} or the server's death, up to a timeout; a caller whose call fails exits with a
 * {@link CallFailed} reason (which it may catch as a {@code ProcessExit}).
 *
 * <p>A server is named by its {@link Pid} or by the name it is registered under.
 */
public final class Gen {
    public static final Atom TIMEOUT = Atom.of("timeout");
    public static final Atom CALLING_SELF = Atom.of("calling_self");
    /** The default timeout of a call, as OTP's: 5 seconds. */
    public static final long DEFAULT_TIMEOUT = 5000;

    private Gen() {}

    /**
     * Calls {@code server} with the message {@code request} makes for the caller's
     * {@link From}, and returns the reply. Outside any process (a launcher, a test) the call is
     * made from a process of the server's node made for it.
     *
     * @param what how a failure names the call: module, function and arguments
     */
    public static Object call(Object server, Function<From, Object> request, long timeoutMillis,
                              String module, String function, List<Object> what) {
        if (!Proc.inProcess()) {
            Node node = server instanceof Pid p ? p.node() : null;
            if (node == null) {
                throw new IllegalStateException(module + ":" + function + " by name was called outside any process; "
                        + "call it from a process, or name the server by its pid");
            }
            return node.asProcess(() -> call(server, request, timeoutMillis, module, function, what));
        }
        Pid pid = whereis(server).orElseThrow(() -> Proc.exit(new CallFailed(Reason.NOPROC, module, function, what)));
        if (pid.equals(Proc.self())) {
            throw Proc.exit(new CallFailed(CALLING_SELF, module, function, what));
        }
        Ref mref = Proc.monitor(pid);
        From from = new From(Proc.self(), mref);
        Proc.send(pid, request.apply(from));
        Object answer = Proc.receive(m -> m instanceof Reply r && r.from() == from
                || m instanceof Down d && d.ref() == mref, timeoutMillis);
        if (answer instanceof Reply r) {
            Proc.demonitor(mref, true);
            return r.value();
        }
        if (from.close()) {
            Proc.demonitor(mref, true);
            Object reason = answer instanceof Down d ? d.reason() : TIMEOUT;
            throw Proc.exit(new CallFailed(reason, module, function, what));
        }
        // The server answered as we gave up: its reply is on its way (unless the replier died
        // between taking the call and sending), so wait for it once more.
        Object late = Proc.receive(m -> m instanceof Reply x && x.from() == from, timeoutMillis);
        Proc.demonitor(mref, true);
        if (late instanceof Reply r) {
            return r.value();
        }
        throw Proc.exit(new CallFailed(answer instanceof Down d ? d.reason() : TIMEOUT, module, function, what));
    }

    /**
     * Answers a call; dropped if the caller already gave up. From any process, or from outside
     * one: Erlang's {@code gen:reply/2}.
     */
    public static void reply(From from, Object value) {
        if (from.close()) {
            Proc.send(from.pid(), new Reply(from, value));
        }
    }

    /** The process {@code server} names: a pid as it is, a registered name looked up. */
    public static Optional<Pid> whereis(Object server) {
        return switch (server) {
            case Pid p -> Optional.of(p);
            case String name -> Proc.whereis(name);
            case null -> throw new NullPointerException("server");
            default -> throw new IllegalArgumentException("a server is a Pid or a registered name, not " + server);
        };
    }
}
