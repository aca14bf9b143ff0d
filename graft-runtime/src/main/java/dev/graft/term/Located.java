package dev.graft.term;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A term with the place it was read from, and the places of the terms inside it: what a
 * reader of {@code .app}, {@code .rel} or {@code .appup} files needs to say where a value is
 * wrong. The shape checks ({@link #atom}, {@link #string}, {@link #list}, {@link #tuple}, ...)
 * return the value or throw a {@link BadTermException} at this term's place, e.g.
 * {@code kv.app:4:9: vsn: expected a string, found 1}; {@code what} names the term in that
 * message.
 *
 * <p>A term built in Java has no place ({@link #unplaced}); the checks work the same and their
 * messages carry no place.
 */
public final class Located {
    private static final int SHOWN_CHARS = 60;

    private final Object term;
    private final Position position;
    /** Null for an unplaced term: its elements are made on demand. */
    private final List<Located> elements;

    Located(Object term, Position position, List<Located> elements) {
        this.term = term;
        this.position = position;
        this.elements = List.copyOf(elements);
    }

    private Located(Object term) {
        this.term = term;
        this.position = null;
        this.elements = null;
    }

    /**
     * A term built in Java, with no place. Its integers are taken as the reader gives them:
     * an {@code Integer}, {@code Short} or {@code Byte}, or a {@code BigInteger} in a long's
     * range, as a {@code Long}.
     */
    public static Located unplaced(Object term) {
        Terms.write(term); // refuses what is not a term
        return new Located(asRead(term));
    }

    private static Object asRead(Object term) {
        return switch (term) {
            case Integer n -> n.longValue();
            case Short n -> n.longValue();
            case Byte n -> n.longValue();
            case BigInteger n -> Lexer.integer(n);
            case List<?> l -> l.stream().map(Located::asRead).toList();
            case Tuple t -> new Tuple(t.elements().stream().map(Located::asRead).toList());
            case Map<?, ?> m -> {
                Map<Object, Object> read = new LinkedHashMap<>();
                m.forEach((k, v) -> read.put(asRead(k), asRead(v)));
                yield Collections.unmodifiableMap(read);
            }
            default -> term;
        };
    }

    public Object term() {
        return term;
    }

    /** Where the term starts, if it was read from a text. */
    public Optional<Position> position() {
        return Optional.ofNullable(position);
    }

    /**
     * The terms inside this one: a tuple's or a list's elements; a map's keys and values, a
     * key then its value; nothing for other terms (a string is one term, not its characters).
     */
    public List<Located> elements() {
        if (elements != null) {
            return elements;
        }
        return switch (term) {
            case Tuple t -> t.elements().stream().map(Located::new).toList();
            case List<?> l -> l.stream().map(Located::new).toList();
            case Map<?, ?> m -> m.entrySet().stream()
                    .flatMap(e -> List.of(new Located(e.getKey()), new Located(e.getValue())).stream())
                    .toList();
            default -> List.of();
        };
    }

    /** An error about this term, at its place. */
    public BadTermException error(String detail) {
        return new BadTermException(position, detail);
    }

    public boolean isAtom(String name) {
        return term instanceof Atom a && a.name().equals(name);
    }

    /** Whether the term is a list; {@code ""} is the empty list too. */
    public boolean isList() {
        return term instanceof List<?> || "".equals(term);
    }

    public Atom atom(String what) {
        if (term instanceof Atom a) {
            return a;
        }
        throw expected(what, "an atom");
    }

    /**
     * The term as a string. Erlang's strings are lists of character codes, so this takes a
     * string literal, a list of character codes, and the empty list (which is {@code ""}).
     */
    public String string(String what) {
        if (term instanceof String s) {
            return s;
        }
        if (term instanceof List<?> l) {
            StringBuilder s = new StringBuilder();
            for (Object c : l) {
                if (!(c instanceof Long code && Lexical.isCharacter(code))) {
                    throw expected(what, "a string");
                }
                s.appendCodePoint((int) (long) code);
            }
            return s.toString();
        }
        throw expected(what, "a string");
    }

    public long integer(String what) {
        if (term instanceof Long n) {
            return n;
        }
        throw expected(what, term instanceof BigInteger ? "an integer in the range of a long" : "an integer");
    }

    /** The elements of a proper list; {@code ""} is the empty list too. */
    public List<Located> list(String what) {
        if (isList()) {
            return elements();
        }
        throw expected(what, "a list");
    }

    /** The names of a list of atoms, such as a {@code .app} file's modules. */
    public List<String> atomNames(String what) {
        return list(what).stream().map(e -> e.atom(what).name()).toList();
    }

    /** The elements of a tuple of any size. */
    public List<Located> tuple(String what) {
        if (term instanceof Tuple) {
            return elements();
        }
        throw expected(what, "a tuple");
    }

    public List<Located> tuple(int size, String what) {
        if (term instanceof Tuple t && t.size() == size) {
            return elements();
        }
        throw expected(what, "a tuple of " + size);
    }

    /**
     * The constant of {@code type} whose lower-cased name is this atom, such as
     * {@code PERMANENT} for {@code permanent}.
     */
    public <E extends Enum<E>> E oneOf(Class<E> type, String what) {
        E[] constants = type.getEnumConstants();
        if (term instanceof Atom a) {
            for (E e : constants) {
                if (e.name().toLowerCase(Locale.ROOT).equals(a.name())) {
                    return e;
                }
            }
        }
        String names = Arrays.stream(constants)
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw expected(what, constants.length == 1 ? names : "one of " + names);
    }

    /** The term as source, cut short when long: what error messages show of it. */
    public String shown() {
        String s = Terms.write(term);
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS - 3) + "...";
    }

    private BadTermException expected(String what, String kind) {
        return error(what + ": expected " + kind + ", found " + shown());
    }

    @Override
    public String toString() {
        return (position == null ? "" : position + ": ") + shown();
    }
}
