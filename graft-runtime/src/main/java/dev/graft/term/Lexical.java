package dev.graft.term;

import java.util.Set;

/**
 * Erlang's lexical rules for terms, shared by the reader and the writer so that what one
 * writes the other reads: which characters start and continue a bare atom, the reserved
 * words, white space, and how atoms and strings are quoted.
 *
 * <p>Source: OTP 25's {@code erl_scan} (bare atoms are Latin-1 names; characters 0–32 and
 * 128–160 are white space) and {@code io_lib:write_atom} (a reserved word is quoted).
 */
final class Lexical {
    /** Longest atom name, in characters ({@code erl_scan} refuses a longer one). */
    static final int MAX_ATOM_LENGTH = 255;

    /**
     * Words a bare atom cannot be. {@code maybe} and {@code else} are ordinary atoms in OTP 25
     * and reserved from OTP 27 on: the reader takes them bare, as OTP 25 does, and the writer
     * quotes them, which every release reads.
     */
    private static final Set<String> RESERVED = Set.of(
            "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor",
            "case", "catch", "cond", "div", "end", "fun", "if", "let", "not", "of", "or",
            "orelse", "receive", "rem", "try", "when", "xor");

    private static final Set<String> QUOTED_FOR_NEWER_RELEASES = Set.of("maybe", "else");

    private Lexical() {}

    static boolean isReserved(String word) {
        return RESERVED.contains(word);
    }

    static boolean isWhiteSpace(int c) {
        return (c >= 0 && c <= ' ') || (c >= 0x80 && c <= 0xA0);
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** A lower-case Latin-1 letter: what a bare atom starts with. */
    static boolean isAtomStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7);
    }

    /** An upper-case Latin-1 letter or {@code _}: what a variable starts with. */
    static boolean isVariableStart(int c) {
        return (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
    }

    /** A character that continues an atom or a variable name. */
    static boolean isNameChar(int c) {
        return isAtomStart(c) || isVariableStart(c) || isDigit(c) || c == '@';
    }

    /** A Unicode scalar value: what a character of an Erlang string or atom may be. */
    static boolean isCharacter(long c) {
        return c >= 0 && c <= Character.MAX_CODE_POINT && !(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
    }

    /** The atom as Erlang source: bare when it can be, else in single quotes. */
    static String atom(String name) {
        return isBare(name) ? name : quote(name, '\'');
    }

    /** The string as an Erlang string literal, in double quotes. */
    static String string(String text) {
        return quote(text, '"');
    }

    private static boolean isBare(String name) {
        if (name.isEmpty() || !isAtomStart(name.charAt(0))
                || isReserved(name) || QUOTED_FOR_NEWER_RELEASES.contains(name)) {
            return false;
        }
        return name.chars().allMatch(Lexical::isNameChar);
    }

    /**
     * Quotes text, escaping the quote, the backslash and every control character, so that
     * the reader gives back the same characters. A lone surrogate, which no Erlang string
     * holds, is escaped too, and the reader refuses it.
     */
    private static String quote(String text, char quote) {
        StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0B -> out.append("\\v");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case 0x1B -> out.append("\\e");
                case 0x7F -> out.append("\\d");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(quote);
                    } else if (Character.isISOControl(c) || !isCharacter(c)) {
                        out.append("\\x{").append(Integer.toHexString(c).toUpperCase()).append('}');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append(quote).toString();
    }
}
