package dev.graft.term;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Erlang atom: a constant known by its name, such as {@code normal}, {@code kill} or
 * {@code noproc}. Atoms are interned, so two atoms of the same name are the same object and
 * {@code ==} compares them; {@link #equals} agrees.
 *
 * <p>Exit reasons and the terms of {@code .app}, {@code .rel} and {@code .appup} files (see
 * {@link Terms}) use atoms where Erlang does.
 */
public final class Atom {
    private static final ConcurrentHashMap<String, Atom> TABLE = new ConcurrentHashMap<>();

    private final String name;

    private Atom(String name) {
        this.name = name;
    }

    /** Returns the atom of this name, creating it on first use. */
    public static Atom of(String name) {
        Objects.requireNonNull(name, "name");
        return TABLE.computeIfAbsent(name, Atom::new);
    }

    /**
     * The atom of the constant's lower-cased name, such as {@code brutal_purge} for
     * {@code BRUTAL_PURGE}: the inverse of {@link Located#oneOf}.
     */
    public static Atom of(Enum<?> constant) {
        return of(constant.name().toLowerCase(Locale.ROOT));
    }

    /** The list term of the atoms of these names, such as a {@code .app} file's modules. */
    public static List<Object> list(List<String> names) {
        return names.stream().<Object>map(Atom::of).toList();
    }

    public String name() {
        return name;
    }

    /**
     * The atom as Erlang source: bare when it can be, else in single quotes ({@code 'kv.KV'},
     * {@code 'end'}).
     */
    @Override
    public String toString() {
        return Lexical.atom(name);
    }
}
