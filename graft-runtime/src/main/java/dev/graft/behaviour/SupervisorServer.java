package dev.graft.behaviour;

import dev.graft.code.ModuleVersion;
import dev.graft.behaviour.Supervisor.Strategy;
import dev.graft.behaviour.SupervisorError.BadReturn;
import dev.graft.behaviour.SupervisorError.BadStartSpec;
import dev.graft.behaviour.SupervisorError.FailedToStartChild;
import dev.graft.behaviour.SupervisorError.InvalidStrategy;
import dev.graft.behaviour.SupervisorError.StartSpec;
import dev.graft.behaviour.SupervisorError.SupervisorData;
import dev.graft.gen.From;
import dev.graft.process.Exit;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.sys.CodeChangeException;
import java.util.List;
import java.util.Optional;

/**
 * The GenServer callbacks of every supervisor: Erlang's {@code supervisor} module, itself a
 * gen_server callback module. The loop — receiving, replying, the sys protocol — is
 * {@link GenServerProcess}'s: a supervisor is started by the runtime and waits in its
 * {@link dev.graft.process.LoopReceive}, so purge answers for it without waking it.
 *
 * <pre>
 *   Supervisor (user)           SupervisorServer                   GenServerProcess
 *
 *   init(args)     &lt;-----      init: check, start children   &lt;-----  start
 *                               handleCall: child requests    &lt;-----  loop
 *                               handleInfo: Exit -&gt; restart   &lt;-----    .
 *                               handleCast: try a restart again &lt;---    .
 *   init(args)     &lt;-----      codeChange: merge the specs   &lt;-----  sys change_code
 *                               terminate: stop the children  &lt;-----  stop, parent's exit
 * </pre>
 *
 * <p>Stateless; every supervisor's state is its {@link SupervisorState}, confined to its process.
 */
final class SupervisorServer implements GenServer<SupervisorState>, VersionedCodeChange<SupervisorState> {

    /** The GenServer's start arguments: Erlang's {@code {SupName, Mod, Args}}. */
    record Start(CallbackModule<Supervisor> module, Object args) {}

    /** The requests of {@link Supervisor}'s API, as the supervisor receives them in calls. */
    sealed interface Request {}

    record StartChild(ChildSpec spec) implements Request {
        @Override
        public String toString() {
            return "{start_child," + spec + "}";
        }
    }

    record StartDynamic(List<Object> extraArgs) implements Request {
        @Override
        public String toString() {
            return "{start_child," + extraArgs + "}";
        }
    }

    record TerminateChild(Object idOrPid) implements Request {
        @Override
        public String toString() {
            return "{terminate_child," + idOrPid + "}";
        }
    }

    record RestartChild(Object id) implements Request {
        @Override
        public String toString() {
            return "{restart_child," + id + "}";
        }
    }

    record DeleteChild(Object id) implements Request {
        @Override
        public String toString() {
            return "{delete_child," + id + "}";
        }
    }

    record GetChildspec(Object idOrPid) implements Request {
        @Override
        public String toString() {
            return "{get_childspec," + idOrPid + "}";
        }
    }

    record WhichChildren() implements Request {
        @Override
        public String toString() {
            return "which_children";
        }
    }

    record CountChildren() implements Request {
        @Override
        public String toString() {
            return "count_children";
        }
    }

    /**
     * The cast a supervisor sends itself to try a failed restart again, after the messages
     * already waiting (a request to stop the child, say): Erlang's {@code {try_again_restart, Id}}.
     */
    record TryAgain(Object key) {
        @Override
        public String toString() {
            return "{try_again_restart," + key + "}";
        }
    }

    // ---- the client side ----

    static StartResult start(String name, Class<?> type, Object args, boolean link) {
        CallbackModule<Supervisor> module = CallbackModule.of(type, Supervisor.class);
        if (!Proc.inProcess()) {
            return GenServerProcess.outsideAnyProcess(type, () -> start(name, type, args, link));
        }
        return GenServerProcess.start(name, SupervisorServer.class, new Start(module, args), link,
                new BehaviourIndex.Entry(module.name(), true));
    }

    /** A request to a supervisor; without a timeout, as OTP's. */
    static <T> T call(Object supervisor, Request request) {
        return GenServer.call(supervisor, request, Proc.INFINITY);
    }

    // ---- the callbacks ----

    @Override
    public Init<SupervisorState> init(Object args) {
        Start start = (Start) args;
        Proc.trapExit(true);
        Supervisor.Init init = start.module().instance(start.module().current()).init(start.args());
        return switch (init) {
            case null -> Init.stop(new BadReturn(start.module().name(), null));
            case Supervisor.Init.Ignore i -> Init.ignore();
            case Supervisor.Init.Ok ok -> startChildren(start, ok);
        };
    }

    private static Init<SupervisorState> startChildren(Start start, Supervisor.Init.Ok ok) {
        Optional<SupervisorError> badFlags = ChildSpecCheck.flags(ok.flags());
        if (badFlags.isPresent()) {
            return Init.stop(new SupervisorData(badFlags.get()));
        }
        Optional<SupervisorError> badSpecs = checkSpecs(ok.flags().strategy(), ok.children());
        if (badSpecs.isPresent()) {
            return Init.stop(badSpecs.get() instanceof BadStartSpec b ? b : new StartSpec(badSpecs.get()));
        }
        if (ok.flags().strategy() == Strategy.SIMPLE_ONE_FOR_ONE) {
            DynamicChildren children = new DynamicChildren(ok.children().getFirst());
            return Init.ok(new SupervisorState(start.module(), start.args(), ok.flags(), children));
        }
        StaticChildren children = new StaticChildren(ok.children());
        Optional<StaticChildren.Failed> failed = children.startAll();
        if (failed.isPresent()) {
            children.terminateAll();
            return Init.stop(new ShutdownReason(new FailedToStartChild(failed.get().id(), failed.get().reason())));
        }
        return Init.ok(new SupervisorState(start.module(), start.args(), ok.flags(), children));
    }

    /** Specs fit for the strategy: exactly one under simple_one_for_one, each valid, their ids distinct. */
    private static Optional<SupervisorError> checkSpecs(Strategy strategy, List<ChildSpec> specs) {
        if (strategy == Strategy.SIMPLE_ONE_FOR_ONE && specs.size() != 1) {
            return Optional.of(new BadStartSpec(specs));
        }
        return ChildSpecCheck.specs(specs);
    }

    @Override
    public CallResult<SupervisorState> handleCall(Object request, From from, SupervisorState s) {
        Children c = s.children;
        Object reply = switch ((Request) request) {
            case StartChild r -> c.startChild(r.spec());
            case StartDynamic r -> c.startChild(r.extraArgs());
            case TerminateChild r -> c.terminateChild(r.idOrPid());
            case RestartChild r -> c.restartChild(r.id());
            case DeleteChild r -> c.deleteChild(r.id());
            case GetChildspec r -> c.childSpec(r.idOrPid());
            case WhichChildren r -> c.which();
            case CountChildren r -> c.count();
        };
        return new Reply<>(reply, s);
    }

    @Override
    public Result<SupervisorState> handleCast(Object request, SupervisorState s) {
        return goOn(s.children.tryAgain(((TryAgain) request).key(), s), s);
    }

    @Override
    public Result<SupervisorState> handleInfo(Object info, SupervisorState s) {
        if (info instanceof Exit e) {
            return goOn(s.children.exited(e.from(), e.reason(), s), s);
        }
        System.getLogger("dev.graft.behaviour").log(System.Logger.Level.ERROR,
                () -> "supervisor " + Proc.self() + " received an unexpected message: " + info);
        return new NoReply<>(s);
    }

    /** Goes on, or stops with reason shutdown: its restart intensity was reached. */
    private static Result<SupervisorState> goOn(boolean goOn, SupervisorState s) {
        return goOn ? new NoReply<>(s) : new Stop<>(Reason.SHUTDOWN, s);
    }

    @Override
    public void terminate(Object reason, SupervisorState s) {
        s.children.terminateAll();
    }

    /**
     * Re-runs init of the callback module's version {@code target} (the current one if null)
     * with the original arguments and checks the new flags and specs, changing nothing yet:
     * the merge happens when the change is installed (reference §4.3), so a refused change
     * leaves the state as it was. Refusals carry their {@link SupervisorError} as the reason.
     * (The loop calls this, never GenServer's codeChange, which a supervisor leaves at its default.)
     */
    @Override
    public Object codeChange(ModuleVersion target, Object oldVsn, SupervisorState s, Object extra) {
        ModuleVersion version = target != null ? target : s.module.current();
        Supervisor.Init init = s.module.instance(version).init(s.args);
        switch (init) {
            case null -> throw new CodeChangeException(new BadReturn(s.module.name(), null));
            case Supervisor.Init.Ignore i -> {
                return s;
            }
            case Supervisor.Init.Ok ok -> {
                refuseIf(ChildSpecCheck.flags(ok.flags()));
                Strategy now = s.flags().strategy();
                Strategy next = ok.flags().strategy();
                if ((now == Strategy.SIMPLE_ONE_FOR_ONE) != (next == Strategy.SIMPLE_ONE_FOR_ONE)) {
                    throw new CodeChangeException(new InvalidStrategy(next));
                }
                refuseIf(checkSpecs(next, ok.children()));
                return (PreparedState) () -> {
                    s.change(ok.flags(), ok.children());
                    return s;
                };
            }
        }
    }

    private static void refuseIf(Optional<SupervisorError> error) {
        if (error.isPresent()) {
            throw new CodeChangeException(error.get());
        }
    }
}
