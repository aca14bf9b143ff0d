package dev.graft.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A process body that calls a module's public static function with arguments: Erlang's
 * {@code spawn(M, F, A)}. The function is looked up when the process starts, as Erlang does, so a
 * missing one makes the new process die with {@link UndefinedFunctionException}, not the spawn
 * fail.
 */
record ModuleCall(Class<?> module, String function, Object[] args) implements ProcessFunction {

    @Override
    public void run() throws Exception {
        Method m = resolve();
        try {
            m.invoke(null, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }

    private Method resolve() {
        return Functions.findStatic(module, function, args)
                .orElseThrow(() -> new UndefinedFunctionException(module.getName(), function, args.length));
    }

    @Override
    public String toString() {
        return module.getName() + "." + function + "/" + args.length;
    }
}
