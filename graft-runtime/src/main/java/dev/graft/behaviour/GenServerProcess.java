package dev.graft.behaviour;

import dev.graft.behaviour.GenServer.CallResult;
import dev.graft.behaviour.GenServer.Init;
import dev.graft.code.ModuleVersion;
import dev.graft.gen.CallFailed;
import dev.graft.gen.From;
import dev.graft.gen.Gen;
import dev.graft.migrate.Migration;
import dev.graft.process.Down;
import dev.graft.process.Exit;
import dev.graft.process.LoopReceive;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.ProcessExit;
import dev.graft.process.ProcessFunction;
import dev.graft.process.ProcessNeeded;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import dev.graft.sys.CodeChangeException;
import dev.graft.sys.HeldChange;
import dev.graft.sys.Sys;
import dev.graft.sys.SysState;
import dev.graft.sys.SystemMessage;
import dev.graft.sys.SystemProcess;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The generic loop of a {@link GenServer}: Erlang's {@code gen_server} module. It receives
 * calls, casts, system messages and other messages, and hands each to the callback module's
 * current version with the state; it knows nothing else of the callback module.
 *
 * <p>Confined to its process: every field is read and written by the server's own thread.
 * The process is started by the runtime (its first frame is this class's), so its receive is
 * a {@link LoopReceive}: while it waits, purge knows at once it runs no module code.
 */
final class GenServerProcess implements SystemProcess {
    private static final System.Logger LOG = System.getLogger("dev.graft.behaviour");

    /** A call as the server receives it: Erlang's {@code {'$gen_call', From, Request}}. */
    record Call(From from, Object request) {
        @Override
        public String toString() {
            return "{'$gen_call'," + from + "," + request + "}";
        }
    }

    /** A cast as the server receives it: Erlang's {@code {'$gen_cast', Request}}. */
    record Cast(Object request) {
        @Override
        public String toString() {
            return "{'$gen_cast'," + request + "}";
        }
    }

    /** How a new server tells its starter how its init went: proc_lib's {@code init_ack}. */
    private record InitAck(Pid pid, StartResult result) {}

    /** The new process's function; named after the module, as process info shows it. */
    private record Entry(GenServerProcess server, String name, Object args, Pid starter) implements ProcessFunction {
        @Override
        public void run() {
            server.run(name, args, starter);
        }

        @Override
        public String toString() {
            return "gen_server:init_it(" + server.module.name() + ")";
        }
    }

    private final CallbackModule<GenServer> module;
    private final Pid parent;
    /** How the {@link BehaviourIndex} lists this process. */
    private final BehaviourIndex.Entry indexedAs;
    /** The version whose types the state has and whose code runs the callbacks; null for a class of no module. */
    private ModuleVersion version;
    private GenServer<Object> callbacks;
    private Object state;
    private long timeout;
    /**
     * A change prepared in a batch and not yet decided, or null; while set, what the loop takes
     * is what it {@link HeldChange#accepts}. Set by the process, or by a batch that claimed it
     * while it waited idle.
     */
    private HeldChange held;
    /** The loop's receive pattern, which reads {@link #held} at each message. */
    private final Predicate<Object> takes = this::takes;
    /** Set once terminate has been called, so that the exit it leads to does not call it again. */
    private boolean terminating;

    private GenServerProcess(CallbackModule<GenServer> module, Pid parent, BehaviourIndex.Entry indexedAs) {
        this.module = module;
        this.parent = parent;
        this.indexedAs = indexedAs;
    }

    // ---- starting and stopping (in the caller) ----

    static StartResult start(String name, Class<?> type, Object args, boolean link) {
        return start(name, type, args, link, new BehaviourIndex.Entry(CallbackModule.of(type, GenServer.class).name(), false));
    }

    /**
     * Starts a server; {@code indexedAs} is how the {@link BehaviourIndex} lists it: under its
     * callback module, or, for a supervisor (whose GenServer callbacks are Graft's), under the
     * supervisor's own callback module.
     */
    static StartResult start(String name, Class<?> type, Object args, boolean link, BehaviourIndex.Entry indexedAs) {
        CallbackModule<GenServer> module = CallbackModule.of(type, GenServer.class);
        if (!Proc.inProcess()) {
            return outsideAnyProcess(type, () -> start(name, type, args, link, indexedAs));
        }
        Pid starter = Proc.self();
        GenServerProcess server = new GenServerProcess(module, link ? starter : null, indexedAs);
        Entry entry = new Entry(server, name, args, starter);
        Pid pid = link ? Proc.spawnLink(entry) : Proc.spawn(entry);
        Ref monitor = Proc.monitor(pid);
        Object answer = Proc.receive(m -> m instanceof InitAck a && a.pid() == pid || m instanceof Down d && d.ref() == monitor);
        Proc.demonitor(monitor, true);
        return answer instanceof InitAck a ? a.result() : new StartResult.Error(((Down) answer).reason());
    }

    /** Starts from a launcher or a test: from a process of the node that loaded the callback module {@code type}. */
    static StartResult outsideAnyProcess(Class<?> type, Supplier<StartResult> start) {
        ModuleVersion v = ModuleVersion.of(type).orElseThrow(() -> new IllegalStateException(
                "a process of callback module " + type.getName() + ", a class of no module, was started outside any process; "
                        + "start it from a process (node.runProcess)"));
        return v.server().node().asProcess(start::get);
    }

    static void stop(Object server, Object reason, long timeoutMillis) {
        List<Object> what = List.of(server, reason, timeoutMillis);
        Pid pid = Gen.whereis(server).orElseThrow(() -> Proc.exit(new CallFailed(Reason.NOPROC, "gen_server", "stop", what)));
        if (!Proc.inProcess()) {
            pid.node().asProcess(() -> {
                stop(pid, reason, timeoutMillis);
                return null;
            });
            return;
        }
        Ref monitor = Proc.monitor(pid);
        Sys.terminate(pid, reason, timeoutMillis);
        Object down = Proc.receive(m -> m instanceof Down d && d.ref() == monitor, timeoutMillis);
        if (down == null) {
            Proc.demonitor(monitor, true);
            throw Proc.exit(new CallFailed(Gen.TIMEOUT, "gen_server", "stop", what));
        }
        Object died = ((Down) down).reason();
        if (!died.equals(reason)) {
            throw Proc.exit(died);
        }
    }

    // ---- the server process ----

    private void run(String name, Object args, Pid starter) {
        Pid self = Proc.self();
        BehaviourIndex index = BehaviourIndex.of(self.node());
        index.add(indexedAs, self);
        try {
            initAndLoop(name, args, starter, self);
        } finally {
            index.remove(indexedAs.module(), self);
        }
    }

    private void initAndLoop(String name, Object args, Pid starter, Pid self) {
        if (name != null) {
            try {
                Proc.register(name, self);
            } catch (IllegalArgumentException taken) {
                Pid holder = Proc.whereis(name).orElse(null);
                Proc.send(starter, new InitAck(self, new StartResult.Error(new StartResult.AlreadyStarted(holder))));
                return;
            }
        }
        Init<Object> init;
        try {
            version = module.current();
            callbacks = module.instance(version);
            init = callbacks.init(args);
        } catch (RuntimeException | Error e) {
            Proc.send(starter, new InitAck(self, new StartResult.Error(e instanceof ProcessExit x ? x.reason() : e)));
            throw e;
        }
        switch (init) {
            case Init.Ok<Object> ok -> {
                state = ok.state();
                timeout = ok.timeout();
                Proc.send(starter, new InitAck(self, new StartResult.Ok(self)));
                loop();
            }
            case Init.Ignore<Object> i -> Proc.send(starter, new InitAck(self, new StartResult.Ignore()));
            case Init.Stop<Object> s -> {
                Proc.send(starter, new InitAck(self, new StartResult.Error(s.reason())));
                throw Proc.exit(s.reason());
            }
        }
    }

    private void loop() {
        for (;;) {
            Object m = held == null ? LoopReceive.receive(takes, timeout, this) // idle: a batch may claim it
                    : LoopReceive.receiveWithoutSpin(takes, Proc.INFINITY); // a decision is no reply on its way
            if (held != null && held.settle(this)) {
                held = null;
            }
            try {
                dispatch(m == null ? GenServer.TIMEOUT : m);
            } catch (ProcessExit e) {
                stopping(e.reason());
                throw e;
            } catch (RuntimeException | Error e) {
                stopping(e);
                throw e;
            }
        }
    }

    /** What the loop may take now: anything, but what a change of a batch defers; its parent's exit always. */
    private boolean takes(Object m) {
        return held == null || held.accepts(m) || parent != null && m instanceof Exit e && e.from().equals(parent);
    }

    private void dispatch(Object m) {
        switch (m) {
            case Call c -> handleCall(c);
            case Cast c -> {
                GenServer<Object> cb = callbacks();
                result(cb.handleCast(toVersion(c.request()), state));
            }
            case SystemMessage s -> {
                held = Sys.handleSystemMessage(s, parent, this, held);
            }
            case Exit e when parent != null && e.from().equals(parent) -> terminate(e.reason());
            default -> {
                GenServer<Object> cb = callbacks();
                result(cb.handleInfo(toVersion(m), state));
            }
        }
    }

    private void handleCall(Call c) {
        GenServer<Object> cb = callbacks();
        CallResult<Object> r = cb.handleCall(toVersion(c.request()), c.from(), state);
        switch (r) {
            case GenServer.Reply<Object> reply -> {
                state = reply.state();
                timeout = reply.timeout();
                Gen.reply(c.from(), replyFor(c.request(), reply.reply()));
            }
            case GenServer.StopReply<Object> stop -> {
                state = stop.state();
                terminating = true;
                try {
                    callbacks.terminate(stop.reason(), state);
                } finally {
                    Gen.reply(c.from(), replyFor(c.request(), stop.reply()));
                }
                exit(stop.reason());
            }
            case GenServer.Result<Object> result -> result(result);
        }
    }

    private void result(GenServer.Result<Object> r) {
        switch (r) {
            case GenServer.NoReply<Object> n -> {
                state = n.state();
                timeout = n.timeout();
            }
            case GenServer.Stop<Object> s -> {
                state = s.state();
                terminate(s.reason());
            }
        }
    }

    /**
     * The callbacks of the module's current version. When that version is not the state's, a
     * new version was loaded without a code change: the state migrates to it here, Erlang's
     * next-message switch with Graft's structural conversion.
     */
    private GenServer<Object> callbacks() {
        ModuleVersion current = module.current();
        if (current != version) {
            Object migrated = Migration.migrate(state, current, "state");
            callbacks = module.instance(current);
            version = current;
            state = migrated;
        }
        return callbacks;
    }

    /**
     * A message, converted if it holds values of another version of the callback module; a
     * module that has only ever had one version needs no look.
     */
    private Object toVersion(Object message) {
        return module.hasHadOtherVersions() ? Migration.migrate(message, version, "message") : message;
    }

    /**
     * A reply as the caller's code expects it: migrated to the version of the request's module
     * record when that is not the server's (a caller still on old code, a server already on new).
     */
    private Object replyFor(Object request, Object reply) {
        ModuleVersion caller = ModuleVersion.of(request.getClass()).orElse(null);
        return caller == null || version == null || caller == version ? reply : Migration.migrate(reply, caller, "reply");
    }

    /** Runs terminate, then exits: the way out of a stop result and of a parent's exit. */
    private void terminate(Object reason) {
        terminating = true;
        callbacks.terminate(reason, state);
        exit(reason);
    }

    private static void exit(Object reason) {
        if (reason != Reason.NORMAL && reason != Reason.SHUTDOWN) { // the reasons OTP does not report
            LOG.log(System.Logger.Level.ERROR, () -> "generic server " + Proc.self() + " terminating: " + reason);
        }
        throw Proc.exit(reason);
    }

    /** A crash or an exit thrown by a callback: terminate runs with its reason, unless it ran already. */
    private void stopping(Object reason) {
        if (!terminating) {
            terminating = true;
            callbacks.terminate(reason, state);
        }
    }

    // ---- the sys protocol ----

    @Override
    public String module() {
        return module.name();
    }

    @Override
    public Object systemGetState() {
        return state;
    }

    @Override
    public Object systemReplaceState(UnaryOperator<Object> function) {
        state = function.apply(state);
        return state;
    }

    @Override
    public void systemCodeChange(String moduleName, Object oldVsn, Object extra) {
        ModuleVersion current = module.current();
        systemInstallCodeChange(current, systemPrepareCodeChange(current, oldVsn, extra));
    }

    /**
     * Runs codeChange on the state, for {@code target}'s code; OTP's gen_server ignores the
     * module named. An upgrade runs the target version's codeChange; a downgrade
     * ({@code oldVsn} a {@link GenServer.Down}) runs the newer, current version's, as OTP calls
     * the loaded module's code_change before loading the older one, and the state it returns
     * is then migrated structurally to the target's types.
     */
    @Override
    public Object systemPrepareCodeChange(ModuleVersion target, Object oldVsn, Object extra) {
        try {
            GenServer<Object> targetCallbacks = module.instance(target);
            if (targetCallbacks instanceof VersionedCodeChange<?> v) {
                @SuppressWarnings("unchecked")
                VersionedCodeChange<Object> versioned = (VersionedCodeChange<Object>) v;
                return versioned.codeChange(target, oldVsn, state, extra);
            }
            if (oldVsn instanceof GenServer.Down && module.reloadable()) {
                Object changed = module.instance(module.current()).codeChange(oldVsn, state, extra);
                return Migration.migrate(changed, target, "state");
            }
            return targetCallbacks.codeChange(oldVsn, state, extra);
        } catch (ProcessExit | CodeChangeException | ProcessNeeded e) { // a CodeChangeException refuses with a reason of its own; ProcessNeeded hands the change to the process
            throw e;
        } catch (RuntimeException | Error e) {
            throw new CodeChangeException(e);
        }
    }

    @Override
    public void systemInstallCodeChange(ModuleVersion target, Object newState) {
        callbacks = module.instance(target);
        version = module.reloadable() ? target : null;
        state = newState instanceof PreparedState p ? p.install() : newState;
    }

    @Override
    public HeldChange systemHeldChange() {
        return held;
    }

    @Override
    public void systemHold(HeldChange change) {
        held = change;
    }

    @Override
    public void systemTerminate(Object reason) {
        terminate(reason);
    }

    @Override
    public Object formatStatus(SysState sysState) {
        return callbacks.formatStatus(state);
    }
}
