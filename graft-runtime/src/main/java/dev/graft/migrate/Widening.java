package dev.graft.migrate;

import java.util.List;

/** Java's widening primitive conversions (JLS 5.1.2), on boxed values. Stateless. */
final class Widening {
    /** The numeric boxes, narrowest first; a conversion widens from one to any later one. */
    private static final List<Class<?>> NUMBERS = List.of(
            Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class);

    private Widening() {}

    /**
     * {@code v} widened to the box {@code want} ({@code Integer 3} to {@code Long 3}), or null if
     * no widening primitive conversion leads there.
     */
    static Object widen(Object v, Class<?> want) {
        // char widens to int and wider, as a short would, but short does not widen to char
        int from = v instanceof Character ? NUMBERS.indexOf(Short.class) : NUMBERS.indexOf(v.getClass());
        int to = NUMBERS.indexOf(want);
        if (from < 0 || to <= from) {
            return null;
        }
        Number n = v instanceof Character c ? Integer.valueOf(c) : (Number) v;
        return switch (to) {
            case 1 -> n.shortValue();
            case 2 -> n.intValue();
            case 3 -> n.longValue();
            case 4 -> n.floatValue();
            default -> n.doubleValue();
        };
    }
}
