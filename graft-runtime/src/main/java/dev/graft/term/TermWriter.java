package dev.graft.term;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a term on one line in Erlang's syntax, as {@code ~w} does but with strings as
 * {@code "..."}: what the reader reads back as an equal term.
 *
 * <p>A term is an {@link Atom}; an integer ({@code Long}, {@code BigInteger}; also
 * {@code Integer}, {@code Short} and {@code Byte}, which read back as {@code Long}); a
 * {@code Double} (finite); a {@code String}; a {@link Binary}; a {@code List}, {@link Tuple}
 * or {@code Map} of terms. Anything else is refused with an {@link IllegalArgumentException}.
 */
final class TermWriter {
    /** Control characters with an escape of their own, such as {@code \n}. */
    private static final String NAMED_ESCAPES = "\n\r\t\u000B\b\f\u001B\u007F";

    private TermWriter() {}

    static String write(Object term) {
        StringBuilder out = new StringBuilder();
        write(term, out, false);
        return out.toString();
    }

    /**
     * The term as {@link #write} writes it, except that a value that is no term (a pid, an
     * exception: what a reason holds) is written as its {@code toString}, as {@code ~p} shows a
     * pid or a fun: text for people, not for the reader.
     */
    static String display(Object term) {
        StringBuilder out = new StringBuilder();
        write(term, out, true);
        return out.toString();
    }

    private static void write(Object term, StringBuilder out, boolean display) {
        switch (term) {
            case Atom a -> out.append(atom(a));
            case Long _, Integer _, Short _, Byte _, BigInteger _ -> out.append(term);
            case Double d -> out.append(floatText(d));
            case String s -> out.append(Lexical.string(characters(s)));
            case Binary b -> binary(b, out);
            case List<?> l -> sequence("[", l, "]", out, display);
            case Tuple t -> sequence("{", t.elements(), "}", out, display);
            case Map<?, ?> m -> map(m, out, display);
            case null -> throw new IllegalArgumentException("not a term: null");
            default -> {
                if (display) {
                    out.append(term);
                    return;
                }
                throw new IllegalArgumentException("not a term: a " + term.getClass().getName()
                    + " (" + term + "); terms are atoms, integers, floats, strings, binaries, lists, tuples and maps");
            }
        }
    }

    /** A term with no terms inside to lay out: all but non-empty lists, tuples and maps. */
    static boolean isSimple(Object term) {
        return switch (term) {
            case List<?> l -> l.isEmpty();
            case Tuple t -> t.size() == 0;
            case Map<?, ?> m -> m.isEmpty();
            default -> true;
        };
    }

    private static String atom(Atom a) {
        String name = a.name();
        if (name.codePointCount(0, name.length()) > Lexical.MAX_ATOM_LENGTH) {
            throw new IllegalArgumentException("not a term: atom longer than " + Lexical.MAX_ATOM_LENGTH
                    + " characters: " + name.substring(0, 40) + "...");
        }
        return Lexical.atom(characters(name));
    }

    private static String characters(String text) {
        if (text.codePoints().allMatch(Lexical::isCharacter)) {
            return text;
        }
        throw new IllegalArgumentException("not a term: " + Lexical.string(text)
                + " holds a lone surrogate, which is no Unicode character");
    }

    /** Java's shortest round-trip form, in Erlang's spelling: {@code 1.0e10}, not {@code 1.0E10}. */
    private static String floatText(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not a term: " + d + "; Erlang floats are finite");
        }
        return Double.toString(d).replace('E', 'e');
    }

    /**
     * {@code <<"text">>} when every byte is printable ASCII or a common escape;
     * {@code <<"text"/utf8>>} when the bytes are UTF-8 of such text; else {@code <<1,2,3>>}.
     */
    private static void binary(Binary b, StringBuilder out) {
        byte[] bytes = b.bytes();
        if (bytes.length == 0) {
            out.append("<<>>");
            return;
        }
        String text = utf8(bytes);
        if (text != null && text.codePoints().allMatch(c -> !Character.isISOControl(c) || NAMED_ESCAPES.indexOf(c) >= 0)) {
            out.append("<<").append(Lexical.string(text));
            if (text.chars().anyMatch(c -> c >= 0x80)) {
                out.append("/utf8");
            }
            out.append(">>");
            return;
        }
        out.append("<<");
        for (int i = 0; i < bytes.length; i++) {
            out.append(i == 0 ? "" : ",").append(bytes[i] & 0xFF);
        }
        out.append(">>");
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static void sequence(String open, List<?> elements, String close, StringBuilder out, boolean display) {
        out.append(open);
        for (Iterator<?> i = elements.iterator(); i.hasNext(); ) {
            write(i.next(), out, display);
            if (i.hasNext()) {
                out.append(',');
            }
        }
        out.append(close);
    }

    private static void map(Map<?, ?> map, StringBuilder out, boolean display) {
        out.append("#{");
        for (Iterator<? extends Map.Entry<?, ?>> i = map.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<?, ?> e = i.next();
            write(e.getKey(), out, display);
            out.append(" => ");
            write(e.getValue(), out, display);
            if (i.hasNext()) {
                out.append(',');
            }
        }
        out.append('}');
    }
}
