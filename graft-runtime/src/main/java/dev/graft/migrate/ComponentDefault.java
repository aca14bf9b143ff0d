package dev.graft.migrate;

import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A record component's {@link Migration.Default}, parsed once for the component's type: the
 * value, or why the text is not one. Defaults are immutable values (boxes, strings, enum
 * constants, empty unmodifiable containers), so one instance serves every migrated record.
 *
 * @param value   the parsed value, if {@code problem} is null
 * @param problem why the text is not a value of the component's type, or null
 */
record ComponentDefault(Object value, String problem) {
    private static final Map<Class<?>, Function<String, Object>> PARSERS = Map.of(
            Integer.class, Integer::valueOf,
            Long.class, Long::valueOf,
            Short.class, Short::valueOf,
            Byte.class, Byte::valueOf,
            Double.class, Double::valueOf,
            Float.class, Float::valueOf,
            Boolean.class, ComponentDefault::parseBoolean,
            Character.class, ComponentDefault::parseChar,
            String.class, text -> text);

    private static final Map<Class<?>, Object> EMPTY = Map.of(
            List.class, List.of(),
            Collection.class, List.of(),
            Set.class, Set.of(),
            Map.class, Map.of(),
            Optional.class, Optional.empty());

    /** The default {@code c} declares, or null if it declares none. */
    static ComponentDefault of(RecordComponent c) {
        Migration.Default d = c.getAnnotation(Migration.Default.class);
        if (d == null) {
            return null;
        }
        try {
            return new ComponentDefault(parse(d.value(), c.getType()), null);
        } catch (IllegalArgumentException e) {
            return new ComponentDefault(null, "its @Migration.Default(\"" + d.value() + "\") is not a "
                    + c.getType().getTypeName() + ": " + e.getMessage());
        }
    }

    private static Object parse(String text, Class<?> type) {
        Function<String, Object> parser = PARSERS.get(MethodType.methodType(type).wrap().returnType());
        if (parser != null) {
            return parser.apply(text);
        }
        if (type.isEnum()) {
            return Enum.valueOf(type.asSubclass(Enum.class), text);
        }
        Object empty = EMPTY.get(type);
        if (empty == null) {
            throw new IllegalArgumentException("only primitives, their boxes, String, enums, List, Set, Map,"
                    + " Collection and Optional have defaults");
        }
        if (!text.isEmpty()) {
            throw new IllegalArgumentException("a " + type.getSimpleName() + " starts empty: give no text");
        }
        return empty;
    }

    private static Object parseBoolean(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("\"true\" or \"false\" expected");
        };
    }

    private static Object parseChar(String text) {
        if (text.length() != 1) {
            throw new IllegalArgumentException("one character expected");
        }
        return text.charAt(0);
    }
}
