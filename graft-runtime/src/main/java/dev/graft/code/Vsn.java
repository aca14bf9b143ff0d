package dev.graft.code;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A module's version, Erlang's {@code -vsn(...)}: put it on the module's top-level class. A
 * module without one is versioned by the MD5 of its bytecode, as Erlang does.
 *
 * <pre>{@code
 * @Vsn("2")
 * public final class HelloWorld { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Vsn {
    String value();
}
