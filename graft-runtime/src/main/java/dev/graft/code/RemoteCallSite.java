package dev.graft.code;

import dev.graft.process.UndefinedFunctionException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.invoke.SwitchPoint;

/**
 * A remote call {@code Module.function(args)} bound to the module's current version.
 *
 * <h2>Implementation overview</h2>
 * The target is {@code generation.guardWithTest(currentVersion.function, relink)}. While the
 * generation is valid the JIT treats the call as a direct call and inlines it (DESIGN decision
 * 3); a load invalidates the generation once for its whole batch, which deoptimises the compiled
 * callers once, and each site then relinks itself at its next call. A function the current
 * version lacks, or a module with no current version, links to a thrower of
 * {@link UndefinedFunctionException}, Erlang's {@code undef}, under the same guard.
 *
 * <p>One site serves every call instruction of the same module, function and type.
 * Thread-safe: concurrent relinks compute the same target.
 */
final class RemoteCallSite extends MutableCallSite {
    private static final MethodHandle RELINK_AND_CALL;
    private static final MethodHandle UNDEF;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RELINK_AND_CALL = l.findVirtual(RemoteCallSite.class, "relinkAndCall",
                    MethodType.methodType(Object.class, Object[].class));
            UNDEF = l.findStatic(RemoteCallSite.class, "undef",
                    MethodType.methodType(Object.class, String.class, String.class, int.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ModuleSlot slot;
    private final String function;
    private final MethodHandle relink;
    /** The version the target calls (null: undef); written under relink, read by purge. */
    private volatile ModuleVersion linkedTo;

    RemoteCallSite(ModuleSlot slot, String function, MethodType type) {
        super(type);
        this.slot = slot;
        this.function = function;
        this.relink = RELINK_AND_CALL.bindTo(this)
                .asCollector(Object[].class, type.parameterCount()).asType(type);
        link();
    }

    /** Points the site at the current version, under the current generation; returns the target. */
    MethodHandle link() {
        SwitchPoint generation = slot.generation; // before current: see ModuleSlot
        ModuleVersion v = slot.current;
        MethodHandle found = v == null ? null : v.function(function, type());
        MethodHandle target = found != null ? found
                : MethodHandles.insertArguments(UNDEF, 0, slot.name, function, type().parameterCount())
                        .asCollector(Object[].class, type().parameterCount()).asType(type());
        linkedTo = found != null ? v : null;
        setTarget(generation.guardWithTest(target, relink));
        return target;
    }

    boolean isLinkedTo(ModuleVersion v) {
        return linkedTo == v;
    }

    @SuppressWarnings("unused") // called through RELINK_AND_CALL
    private Object relinkAndCall(Object[] args) throws Throwable {
        return link().invokeWithArguments(args);
    }

    @SuppressWarnings("unused") // called through UNDEF
    private static Object undef(String module, String function, int arity, Object[] args) {
        throw new UndefinedFunctionException(module, function, arity);
    }

    @Override
    public String toString() {
        return "RemoteCallSite[" + slot.name + "." + function + type() + "]";
    }
}
