package dev.graft.process;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;

/** Finding a function by name and arguments, as Erlang's {@code apply(M, F, A)} does. */
public final class Functions {
    private Functions() {}

    /**
     * The public static method of {@code type} named {@code name} whose parameters accept
     * {@code args} (a primitive parameter takes its boxed value, never null).
     */
    public static Optional<Method> findStatic(Class<?> type, String name, Object[] args) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())
                    && m.getParameterCount() == args.length && accepts(m.getParameterTypes(), args)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static boolean accepts(Class<?>[] types, Object[] args) {
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i].isPrimitive() ? MethodType.methodType(types[i]).wrap().returnType() : types[i];
            if (args[i] == null ? types[i].isPrimitive() : !t.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }
}
