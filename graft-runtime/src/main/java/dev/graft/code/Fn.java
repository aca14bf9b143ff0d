package dev.graft.code;

import java.io.Serializable;

/**
 * Method references to a module's public static functions, for {@link Code#remote},
 * {@link Code#tail} and {@link Code#spawn}: typed qualified calls, such as Erlang's
 * {@code ?MODULE:loop(State)}. They are {@link Serializable} only so that Graft can read which
 * method they name; Graft never serialises them.
 */
public final class Fn {
    private Fn() {}

    @FunctionalInterface
    public interface F0<R> extends Serializable {
        R apply();
    }

    @FunctionalInterface
    public interface F1<A, R> extends Serializable {
        R apply(A a);
    }

    @FunctionalInterface
    public interface F2<A, B, R> extends Serializable {
        R apply(A a, B b);
    }

    @FunctionalInterface
    public interface F3<A, B, C, R> extends Serializable {
        R apply(A a, B b, C c);
    }

    @FunctionalInterface
    public interface V0 extends Serializable {
        void apply();
    }

    @FunctionalInterface
    public interface V1<A> extends Serializable {
        void apply(A a);
    }

    @FunctionalInterface
    public interface V2<A, B> extends Serializable {
        void apply(A a, B b);
    }

    @FunctionalInterface
    public interface V3<A, B, C> extends Serializable {
        void apply(A a, B b, C c);
    }
}
