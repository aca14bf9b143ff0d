package dev.graft.behaviour;

import dev.graft.code.ModuleRef;
import dev.graft.code.ModuleVersion;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * The callback module of a behaviour process, followed to its current version: Erlang's
 * {@code Mod:handle_call(...)}, a qualified call that runs the newest code at every message.
 * For the generic side of behaviours (the GenServer loop here, the application master in
 * {@code dev.graft.application}); user code has no use for it.
 *
 * <p>A class of a loaded module is followed through its {@link ModuleRef}: each version gets
 * one instance of its class (made with its no-argument constructor, kept with the class so it
 * goes when the version is collected). A class that belongs to no module (shared code, a
 * test's class) is not reloadable and has one instance for good.
 *
 * <p>Immutable and shared by every process of the module; {@link #instance} may run
 * concurrently.
 */
public final class CallbackModule<C> {
    private static final ClassValue<Object> INSTANCES = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                Constructor<?> c = type.getDeclaredConstructor();
                c.setAccessible(true);
                return c.newInstance();
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("callback module " + type.getName()
                        + " needs a constructor without arguments", e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("the constructor of callback module " + type.getName() + " threw "
                        + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot make callback module " + type.getName() + ": " + e, e);
            }
        }
    };

    private final Class<C> behaviour;
    private final ModuleRef ref; // null for a class of no module
    private final Class<?> fixed;

    private CallbackModule(Class<C> behaviour, ModuleRef ref, Class<?> fixed) {
        this.behaviour = behaviour;
        this.ref = ref;
        this.fixed = fixed;
    }

    /** The callback module that {@code type} names, which must implement {@code behaviour}. */
    public static <C> CallbackModule<C> of(Class<?> type, Class<C> behaviour) {
        if (!behaviour.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " does not implement " + behaviour.getName());
        }
        return ModuleVersion.of(type)
                .map(v -> new CallbackModule<>(behaviour, v.server().ref(v.name()), null))
                .orElseGet(() -> new CallbackModule<>(behaviour, null, type));
    }

    /** The module's name, as sys and process info report it. */
    public String name() {
        return ref != null ? ref.name() : fixed.getName();
    }

    /**
     * The version whose code runs the next callback: the current one, or null for a class of
     * no module.
     *
     * @throws UndefinedCallbackModuleException if the module is no longer loaded
     */
    public ModuleVersion current() {
        if (ref == null) {
            return null;
        }
        ModuleVersion v = ref.current();
        if (v == null) {
            throw new UndefinedCallbackModuleException(ref.name());
        }
        return v;
    }

    /** Whether values of more than one version of the module can exist: only then can a message need migrating. */
    boolean hasHadOtherVersions() {
        return ref != null && ref.hasHadOtherVersions();
    }

    /** Whether this follows a loaded module's versions (rather than a class of no module). */
    boolean reloadable() {
        return ref != null;
    }

    /** The callbacks of {@code version} (ignored for a class of no module). */
    public C instance(ModuleVersion version) {
        Class<?> type = ref == null ? fixed : version.moduleClass();
        return behaviour.cast(INSTANCES.get(type));
    }
}
