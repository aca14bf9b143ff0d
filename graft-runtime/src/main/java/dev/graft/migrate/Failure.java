package dev.graft.migrate;

import java.util.ArrayDeque;

/**
 * A migration failure on its way up to {@link Migration#migrate}: each container or record it
 * passes puts its step of the path in front ({@link #under}), and the entry point turns it into
 * a {@link MigrationException} with the whole path. Confined to the migrating thread; built
 * without a stack trace, since the exception made of it has its own.
 */
final class Failure extends RuntimeException {
    private static final int LONGEST_RENDERING = 60;
    /** How many steps of a path are shown: the first and last halves, with "..." between. */
    private static final int LONGEST_PATH = 40;

    private final String type;
    private final String component;
    private final String detail;
    /** Steps from the root to the failing value, outermost first, each with its punctuation: ".count", "[3]". */
    private final ArrayDeque<String> path = new ArrayDeque<>();

    Failure(String type, String component, String detail) {
        super(detail, null, false, false);
        this.type = type;
        this.component = component;
        this.detail = detail;
    }

    /** A container could not be rebuilt with its converted contents (a sorted one, say, whose new elements do not compare). */
    static Failure rebuilding(Object container, RuntimeException e) {
        return new Failure(container.getClass().getTypeName(), null, "it could not be rebuilt with the converted contents: " + e);
    }

    /** Puts {@code step} in front of the path. */
    Failure under(String step) {
        path.addFirst(step);
        return this;
    }

    MigrationException toException(String root) {
        StringBuilder where = new StringBuilder(root);
        int i = 0;
        for (String step : path) {
            if (i < LONGEST_PATH / 2 || i >= path.size() - LONGEST_PATH / 2) {
                where.append(step);
            } else if (i == LONGEST_PATH / 2) {
                where.append("...");
            }
            i++;
        }
        return new MigrationException(type, component, where.toString(), detail);
    }

    /** A value for a message: its type and a short rendering, {@code String "x"}, {@code Integer 3}. */
    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        Class<?> c = v.getClass();
        return (c.getPackageName().equals("java.lang") ? c.getSimpleName() : c.getTypeName()) + " " + render(v);
    }

    /** A short rendering of a value, strings quoted: a map key in a path, a value in a message. */
    static String render(Object v) {
        String text;
        try {
            text = v instanceof String s ? '"' + s + '"' : String.valueOf(v);
        } catch (RuntimeException e) {
            text = "(its toString threw " + e.getClass().getSimpleName() + ")";
        }
        return text.length() <= LONGEST_RENDERING ? text : text.substring(0, LONGEST_RENDERING - 3) + "...";
    }
}
