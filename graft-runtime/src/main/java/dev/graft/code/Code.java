package dev.graft.code;

import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.ProcessFunction;
import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * Erlang's {@code code} module for code running in a process, and the typed qualified call.
 *
 * <h2>Qualified calls</h2>
 * Inside a module, {@code loop(state)} is a local call: it stays in the version that runs it.
 * Java cannot tell it from {@code Modtest.loop(state)}, so a module asks for its own current
 * version explicitly, with a method reference:
 * <pre>{@code
 * Code.remote(Modtest::codeChange, state)   // ?MODULE:code_change(State), returns its result
 * return Code.tail(Modtest::loop, state);   // ?MODULE:loop(State), as a tail call
 * Code.spawn(Modtest::loop, state)          // spawn(?MODULE, loop, [State])
 * }</pre>
 * {@link #tail} returns a {@link TailCall} that the trampoline the process runs in (the one
 * {@link #spawn} or {@link #remote} started) calls next: the old version's frame is gone first,
 * so the process then runs only the new version, as after Erlang's tail call. Calls to other
 * modules need none of this: they are linked to the current version by the loader.
 *
 * <p>The method reference must name a public static method of the calling module. Resolving it
 * costs a reflective read the first time each reference is used; later uses cost a remote call.
 */
public final class Code {
    private Code() {}

    /** The code server of the calling process's node. */
    public static CodeServer server() {
        return CodeServer.of(Proc.node());
    }

    // ---- the code server's operations, for the calling process's node ----

    public static LoadResult load(String module) {
        return server().load(module);
    }

    public static LoadResult loadBinary(ModuleBinary binary) {
        return server().loadBinary(binary);
    }

    public static LoadResult atomicLoad(List<String> modules) {
        return server().atomicLoad(modules);
    }

    public static boolean purge(String module) {
        return server().purge(module);
    }

    public static boolean softPurge(String module) {
        return server().softPurge(module);
    }

    public static boolean delete(String module) {
        return server().delete(module);
    }

    public static boolean checkProcessCode(Pid pid, String module) {
        return server().checkProcessCode(pid, module);
    }

    public static Optional<ModuleVersion> isLoaded(String module) {
        return server().isLoaded(module);
    }

    public static Optional<String> which(String module) {
        return server().which(module);
    }

    // ---- spawn(M, F, A) ----

    /**
     * Spawns a process that calls {@code module.function(args)} in the module's current
     * version, Erlang's {@code spawn(M, F, A)}. The function is found when the process starts;
     * if there is none, the process dies with {@code UndefinedFunctionException}.
     */
    public static Pid spawn(String module, String function, Object... args) {
        CodeServer server = server();
        Object[] a = args.clone();
        return Proc.spawn(new Entry(module + "." + function + "/" + a.length,
                () -> server.apply(module, function, a)));
    }

    /** {@link #spawn(String, String, Object...)} linked to the caller. */
    public static Pid spawnLink(String module, String function, Object... args) {
        CodeServer server = server();
        Object[] a = args.clone();
        return Proc.spawnLink(new Entry(module + "." + function + "/" + a.length,
                () -> server.apply(module, function, a)));
    }

    /** {@link #spawn(String, String, Object...)} monitored by the caller: the monitor exists before it runs. */
    public static dev.graft.process.Spawned spawnMonitor(String module, String function, Object... args) {
        CodeServer server = server();
        Object[] a = args.clone();
        return Proc.spawnMonitor(new Entry(module + "." + function + "/" + a.length,
                () -> server.apply(module, function, a)));
    }

    public static Pid spawn(Fn.F0<?> f) {
        return spawnRef(f);
    }

    public static <A> Pid spawn(Fn.F1<A, ?> f, A a) {
        return spawnRef(f, a);
    }

    public static <A, B> Pid spawn(Fn.F2<A, B, ?> f, A a, B b) {
        return spawnRef(f, a, b);
    }

    public static <A, B, C> Pid spawn(Fn.F3<A, B, C, ?> f, A a, B b, C c) {
        return spawnRef(f, a, b, c);
    }

    public static Pid spawn(Fn.V0 f) {
        return spawnRef(f);
    }

    public static <A> Pid spawn(Fn.V1<A> f, A a) {
        return spawnRef(f, a);
    }

    public static <A, B> Pid spawn(Fn.V2<A, B> f, A a, B b) {
        return spawnRef(f, a, b);
    }

    public static <A, B, C> Pid spawn(Fn.V3<A, B, C> f, A a, B b, C c) {
        return spawnRef(f, a, b, c);
    }

    private static Pid spawnRef(Serializable f, Object... args) {
        Qualified q = Qualified.of(f);
        return Proc.spawn(new Entry(q.label(), () -> q.handle().invokeWithArguments(args)));
    }

    /** A process body that enters a module and runs the trampoline; it has no module frame of its own. */
    private record Entry(String label, Call first) implements ProcessFunction {
        @Override
        public void run() throws Exception {
            try {
                TailCall.trampoline(first.call());
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        @Override
        public String toString() {
            return label;
        }
    }

    @FunctionalInterface
    private interface Call {
        Object call() throws Throwable;
    }

    // ---- ?MODULE:f(Args), returning ----

    public static <R> R remote(Fn.F0<R> f) {
        return result(Qualified.of(f), new Object[0]);
    }

    public static <A, R> R remote(Fn.F1<A, R> f, A a) {
        return result(Qualified.of(f), new Object[] {a});
    }

    public static <A, B, R> R remote(Fn.F2<A, B, R> f, A a, B b) {
        return result(Qualified.of(f), new Object[] {a, b});
    }

    public static <A, B, C, R> R remote(Fn.F3<A, B, C, R> f, A a, B b, C c) {
        return result(Qualified.of(f), new Object[] {a, b, c});
    }

    public static void remote(Fn.V0 f) {
        result(Qualified.of(f), new Object[0]);
    }

    public static <A> void remote(Fn.V1<A> f, A a) {
        result(Qualified.of(f), new Object[] {a});
    }

    public static <A, B> void remote(Fn.V2<A, B> f, A a, B b) {
        result(Qualified.of(f), new Object[] {a, b});
    }

    public static <A, B, C> void remote(Fn.V3<A, B, C> f, A a, B b, C c) {
        result(Qualified.of(f), new Object[] {a, b, c});
    }

    @SuppressWarnings("unchecked")
    private static <R> R result(Qualified q, Object[] args) {
        try {
            return (R) TailCall.trampoline(q.handle().invokeWithArguments(args));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("qualified call " + q.label() + " failed", t);
        }
    }

    // ---- ?MODULE:f(Args) as a tail call ----

    public static TailCall tail(Fn.F0<?> f) {
        return tailCall(f);
    }

    public static <A> TailCall tail(Fn.F1<A, ?> f, A a) {
        return tailCall(f, a);
    }

    public static <A, B> TailCall tail(Fn.F2<A, B, ?> f, A a, B b) {
        return tailCall(f, a, b);
    }

    public static <A, B, C> TailCall tail(Fn.F3<A, B, C, ?> f, A a, B b, C c) {
        return tailCall(f, a, b, c);
    }

    private static TailCall tailCall(Serializable f, Object... args) {
        Qualified q = Qualified.of(f);
        return new TailCall(q.label(), q.handle(), args);
    }

    /**
     * A method reference resolved to a remote call: its label ({@code module.function/arity})
     * and a handle of generic type bound to the module's current version at each call.
     */
    private record Qualified(String label, MethodHandle handle) {
        /** Per lambda class; the lambda class belongs to the module version, so this never pins an old loader. */
        private static final ClassValue<Qualified[]> CACHE = new ClassValue<>() {
            @Override
            protected Qualified[] computeValue(Class<?> type) {
                return new Qualified[1];
            }
        };

        static Qualified of(Serializable f) {
            Qualified[] box = CACHE.get(f.getClass());
            Qualified q = box[0];
            if (q == null) {
                q = resolve(f);
                box[0] = q; // a benign race: every thread resolves the same value
            }
            return q;
        }

        private static Qualified resolve(Serializable f) {
            SerializedLambda ref;
            try {
                Method writeReplace = f.getClass().getDeclaredMethod("writeReplace");
                writeReplace.setAccessible(true);
                ref = (SerializedLambda) writeReplace.invoke(f);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("a qualified call takes a method reference such as Modtest::loop, not "
                        + f.getClass().getName(), e);
            }
            if (ref.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic || ref.getCapturedArgCount() != 0
                    || ref.getImplMethodName().startsWith("lambda$")) {
                throw new IllegalArgumentException("a qualified call takes a method reference to a module's public static "
                        + "function, such as Modtest::loop; got a lambda or an instance method of " + ref.getImplClass());
            }
            if (!(f.getClass().getClassLoader() instanceof ModuleLoader loader)) {
                throw new IllegalArgumentException("the method reference to " + ref.getImplClass() + "::"
                        + ref.getImplMethodName() + " was made outside a loaded module; code outside modules calls them "
                        + "by name: CodeServer.function, CodeServer.apply or Code.spawn(module, function, args)");
            }
            String module = ref.getImplClass().replace('/', '.');
            String function = ref.getImplMethodName();
            MethodType type = MethodType.fromMethodDescriptorString(ref.getImplMethodSignature(), loader);
            MethodHandle handle = loader.server.function(module, function, type).asType(type.generic());
            return new Qualified(module + "." + function + "/" + type.parameterCount(), handle);
        }
    }
}
