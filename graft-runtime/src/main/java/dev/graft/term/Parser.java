package dev.graft.term;

import dev.graft.term.Token.Kind;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the terms of a text, each ended by a dot, with {@code file:consult}'s grammar:
 * atoms, numbers (with a sign), strings (adjacent ones join), lists, tuples, maps
 * {@code #{K => V}}, binaries of bytes and strings, and parentheses. It refuses what a term
 * file cannot hold (variables, reserved words, expressions) and, unlike OTP, improper lists.
 * Each error names the place and what was expected there.
 */
final class Parser {
    private final Lexer lexer;
    /** The next token, or null when it has not been read yet: read lazily, so an error in it
     *  cannot come before an error in the tokens before it. */
    private Token next;

    Parser(String source, String text) {
        this.lexer = new Lexer(source, text);
    }

    List<Located> terms() {
        List<Located> terms = new ArrayList<>();
        while (peek().kind() != Kind.END_OF_TEXT) {
            terms.add(term());
            Token end = take();
            if (end.is(".")) {
                throw new TermSyntaxException(end.position(),
                        "a '.' ends a term only when white space, a comment or the end of the file follows it");
            }
            if (end.kind() != Kind.DOT) {
                throw expected("'.' after the term", end);
            }
        }
        return terms;
    }

    private Located term() {
        Token t = take();
        Position at = t.position();
        return switch (t.kind()) {
            case ATOM -> new Located(Atom.of((String) t.value()), at, List.of());
            case INTEGER, FLOAT -> new Located(t.value(), at, List.of());
            case STRING -> string(t);
            case VARIABLE -> throw new TermSyntaxException(at, "variable " + t.value()
                    + " in a term: a term file holds no variables; write '" + t.value() + "' for the atom");
            case RESERVED_WORD -> throw new TermSyntaxException(at, "reserved word '" + t.value()
                    + "' is not an atom unless quoted: write '" + t.value() + "'");
            case PUNCTUATION -> switch ((String) t.value()) {
                case "{" -> tuple(at);
                case "[" -> list(at);
                case "#" -> map(at);
                case "<<" -> binary(at);
                case "(" -> parenthesised();
                case "-", "+" -> signed(t);
                default -> throw expected("a term", t);
            };
            case DOT, END_OF_TEXT -> throw expected("a term", t);
        };
    }

    /** A string, joined with the strings right after it: {@code "ab" "c"} is {@code "abc"}. */
    private Located string(Token first) {
        StringBuilder s = new StringBuilder((String) first.value());
        while (peek().kind() == Kind.STRING) {
            s.append((String) take().value());
        }
        return new Located(s.toString(), first.position(), List.of());
    }

    private Located tuple(Position at) {
        List<Located> elements = new ArrayList<>();
        if (!takeIf("}")) {
            do {
                elements.add(term());
            } while (takeIfOr(",", "}", "',' or '}' after tuple element"));
        }
        return new Located(new Tuple(terms(elements)), at, elements);
    }

    private Located list(Position at) {
        List<Located> elements = new ArrayList<>();
        if (!takeIf("]")) {
            while (true) {
                elements.add(term());
                Token t = take();
                if (t.is("|")) {
                    elements.addAll(tail(term()));
                    expect("]", "']' after the tail of a list");
                    break;
                }
                if (t.is("]")) {
                    break;
                }
                if (!t.is(",")) {
                    throw expected("',', '|' or ']' after list element", t);
                }
            }
        }
        return new Located(terms(elements), at, elements);
    }

    /** The elements of the tail after {@code |}, which must be a proper list. */
    private static List<Located> tail(Located tail) {
        Position at = tail.position().orElseThrow();
        if (tail.term() instanceof String s) {
            return s.codePoints().mapToObj(c -> new Located((long) c, at, List.of())).toList();
        }
        if (!(tail.term() instanceof List<?>)) {
            throw new TermSyntaxException(at, "improper list: the tail after '|' is " + tail.shown()
                    + ", not a list; only proper lists are read");
        }
        return tail.elements();
    }

    private Located map(Position at) {
        expect("{", "'{' after '#' (a map is written #{Key => Value, ...})");
        Map<Object, Located[]> entries = new LinkedHashMap<>();
        if (!takeIf("}")) {
            do {
                Located key = term();
                Token arrow = take();
                if (!arrow.is("=>")) {
                    throw expected("'=>' after map key", arrow);
                }
                entries.remove(key.term()); // as in Erlang, the last of equal keys counts
                entries.put(key.term(), new Located[] {key, term()});
            } while (takeIfOr(",", "}", "',' or '}' after map value"));
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        List<Located> elements = new ArrayList<>();
        for (Located[] entry : entries.values()) {
            map.put(entry[0].term(), entry[1].term());
            elements.addAll(List.of(entry));
        }
        return new Located(Collections.unmodifiableMap(map), at, elements);
    }

    /**
     * A binary of segments that are bytes ({@code 0..255}) or strings; a string's characters
     * are bytes, or with {@code /utf8} its UTF-8 encoding. Sizes and other types are refused.
     */
    private Located binary(Position at) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!takeIf(">>")) {
            do {
                segment(bytes);
                if (peek().is(":") || peek().is("/")) {
                    throw new TermSyntaxException(peek().position(),
                            "binary segment sizes and types are not read: write bytes 0..255, strings, or strings with /utf8");
                }
            } while (takeIfOr(",", ">>", "',' or '>>' after binary segment"));
        }
        return new Located(Binary.of(bytes.toByteArray()), at, List.of());
    }

    private void segment(ByteArrayOutputStream bytes) {
        Token t = peek();
        if (t.kind() == Kind.STRING) {
            String s = (String) string(take()).term();
            if (takeIf("/")) {
                Token type = take();
                if (type.kind() != Kind.ATOM || !type.value().equals("utf8")) {
                    throw expected("utf8 after '/' in a binary", type);
                }
                bytes.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                return;
            }
            s.codePoints().forEach(c -> {
                if (c > 0xFF) {
                    throw new TermSyntaxException(t.position(), "character " + Character.toString(c)
                            + " does not fit in a byte: write the string with /utf8, as in <<\"...\"/utf8>>");
                }
                bytes.write(c);
            });
            return;
        }
        take();
        if (t.kind() != Kind.INTEGER) {
            throw expected("a byte 0..255 or a string in a binary", t);
        }
        if (!(t.value() instanceof Long n) || n < 0 || n > 0xFF) {
            throw new TermSyntaxException(t.position(), "binary segment " + t.value() + " out of range 0..255");
        }
        bytes.write((int) (long) n);
    }

    private Located parenthesised() {
        Located inside = term();
        expect(")", "')' after the term in parentheses");
        return inside;
    }

    private Located signed(Token sign) {
        Token number = take();
        if (number.kind() != Kind.INTEGER && number.kind() != Kind.FLOAT) {
            throw expected("a number after '" + sign.value() + "'", number);
        }
        Object value = number.value();
        if (sign.is("-")) {
            value = switch (value) {
                case Long n -> Lexer.integer(BigInteger.valueOf(n).negate());
                case BigInteger n -> Lexer.integer(n.negate());
                default -> -(Double) value;
            };
        }
        return new Located(value, sign.position(), List.of());
    }

    private static List<Object> terms(List<Located> elements) {
        return elements.stream().map(Located::term).toList();
    }

    private Token peek() {
        if (next == null) {
            next = lexer.next();
        }
        return next;
    }

    private Token take() {
        Token t = peek();
        next = null;
        return t;
    }

    private boolean takeIf(String punctuation) {
        if (peek().is(punctuation)) {
            take();
            return true;
        }
        return false;
    }

    /** Takes {@code more} (true) or {@code end} (false); anything else is an error. */
    private boolean takeIfOr(String more, String end, String expected) {
        Token t = take();
        if (t.is(more)) {
            return true;
        }
        if (t.is(end)) {
            return false;
        }
        throw expected(expected, t);
    }

    private void expect(String punctuation, String expected) {
        Token t = take();
        if (!t.is(punctuation)) {
            throw expected(expected, t);
        }
    }

    private static TermSyntaxException expected(String what, Token found) {
        return new TermSyntaxException(found.position(), "expected " + what + ", found " + found.describe());
    }
}
