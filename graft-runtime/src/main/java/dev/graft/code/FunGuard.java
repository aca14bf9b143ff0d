package dev.graft.code;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.invoke.SwitchPoint;

/**
 * The guard that every lambda of one module version runs first (Erlang's rule for funs,
 * reference §1.3): a lambda of version V runs while V is loaded, current or old; once V is
 * purged it runs only while a version of the same module with a byte-identical binary (the same
 * MD5) is loaded, since identical reloads carry fun entries over (erlang/otp PR #6541), and
 * otherwise throws {@link BadFun}. {@link LambdaGuards} puts the guard at the start of each
 * lambda body and of the bridge to each method reference; {@link Linker#fun} links every one of
 * them in the version to this one site.
 *
 * <h2>Implementation overview</h2>
 * Each version has a switch point, {@link #loaded}, valid until the code server purges the
 * version. The target is {@code linkedTo.guardWithTest(noop, recheck)}, where {@code linkedTo}
 * is V's own switch point at first: while it is valid the JIT compiles the guard to nothing.
 * Once it is invalid the next call rechecks: if a loaded version has V's MD5 the site relinks to
 * that version's switch point and the lambda runs V's own bytecode, which is the same code;
 * else it throws.
 *
 * <p>The identical reload, decided: a purge always invalidates, and the recheck finds the twin.
 * One rule then serves a twin loaded before the purge and one loaded after it (which revives
 * the lambdas), and the twin's own purge is what ends them. It costs one deoptimisation and one
 * relink per version at the next call after such a purge; carrying switch points from version
 * to version would save that at the price of bookkeeping at every purge.
 *
 * <p>Thread-safety: the code server, under its lock, removes a version from its slot before it
 * invalidates the version's switch point ({@link #purged}), so a recheck that finds a version in
 * the slot links to a switch point that is valid or will be invalidated, never one that stays
 * valid once the version is gone. Concurrent rechecks link to versions equally loaded.
 *
 * <p>Unloading: once V is purged only V's own objects refer to this site (its
 * {@link ModuleVersion} and the call instructions linked to it). The site refers to the slot
 * and to switch points, never to another version, so it keeps no class loader alive but V's,
 * and V's only while something holds one of V's lambdas.
 */
final class FunGuard extends MutableCallSite {
    private static final MethodType TYPE = MethodType.methodType(void.class);
    private static final MethodHandle NOOP = MethodHandles.empty(TYPE);
    private static final MethodHandle RECHECK;

    static {
        try {
            RECHECK = MethodHandles.lookup().findVirtual(FunGuard.class, "recheck", TYPE);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Valid until this version is purged; invalidated once, by {@link #purged}. */
    private final SwitchPoint loaded = new SwitchPoint();
    private final ModuleSlot slot;
    private final ModuleBinary binary;
    private final MethodHandle recheck;

    FunGuard(ModuleSlot slot, ModuleBinary binary) {
        super(TYPE);
        this.slot = slot;
        this.binary = binary;
        this.recheck = RECHECK.bindTo(this);
        setTarget(loaded.guardWithTest(NOOP, recheck));
    }

    /** Called by the code server, holding its lock, once it has removed this version from its slot. */
    void purged() {
        SwitchPoint.invalidateAll(new SwitchPoint[] {loaded});
    }

    @SuppressWarnings("unused") // called through RECHECK, when the switch point linked to is invalid
    private void recheck() {
        ModuleVersion twin = slot.find(v -> v.md5().equals(binary.md5()));
        if (twin == null) {
            throw new BadFun(binary.name(), binary.vsn());
        }
        setTarget(twin.funGuard.loaded.guardWithTest(NOOP, recheck));
    }

    @Override
    public String toString() {
        return "FunGuard[" + binary + "]";
    }
}
