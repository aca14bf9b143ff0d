package dev.graft.application;

import dev.graft.behaviour.CallbackModule;
import dev.graft.behaviour.UndefinedCallbackModuleException;
import dev.graft.code.CodeServer;
import dev.graft.code.ModuleVersion;
import dev.graft.process.Node;

/** Finds the {@link Application} callback module that {@code mod} names. */
final class CallbackModules {
    private CallbackModules() {}

    /**
     * The module named {@code module}: a module loaded on the node, followed to its current
     * version at every callback, else a shared class (one that belongs to no module, such as a
     * test's).
     *
     * @throws UndefinedCallbackModuleException if there is neither (Erlang's {@code undef})
     * @throws IllegalArgumentException if it is no {@link Application}
     */
    @SuppressWarnings("rawtypes")
    static CallbackModule<Application> resolve(Node node, String module) {
        Class<?> type = CodeServer.of(node).isLoaded(module).<Class<?>>map(ModuleVersion::moduleClass)
                .orElseGet(() -> sharedClass(module));
        return CallbackModule.of(type, Application.class);
    }

    /** The callbacks of the module's current version. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Application<Object> current(CallbackModule<Application> module) {
        return module.instance(module.current());
    }

    private static Class<?> sharedClass(String name) {
        try {
            return Class.forName(name, true, Application.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new UndefinedCallbackModuleException(name);
        }
    }
}
