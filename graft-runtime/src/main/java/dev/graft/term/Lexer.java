package dev.graft.term;

import dev.graft.term.Token.Kind;
import java.math.BigInteger;
import java.util.List;

/**
 * Cuts a term text into tokens, as {@code erl_scan} does for what {@code file:consult} reads:
 * atoms (bare or quoted), variables and reserved words (which the parser refuses), integers
 * ({@code 1_000}, {@code 16#FF}), character literals ({@code $a}, {@code $\n}), floats,
 * strings, punctuation and the dot that ends a term. {@code %} starts a comment to the end of
 * the line.
 */
final class Lexer {
    private static final List<String> TWO_CHAR_PUNCTUATION = List.of("=>", "<<", ">>", ":=");

    private final String source;
    private final int[] text;
    private int at;
    private int line = 1;
    private int column = 1;

    Lexer(String source, String text) {
        this.source = source;
        this.text = text.codePoints().toArray();
    }

    Token next() {
        skipWhiteSpaceAndComments();
        Position start = position();
        if (at == text.length) {
            return new Token(Kind.END_OF_TEXT, "", start);
        }
        int c = text[at];
        if (Lexical.isAtomStart(c)) {
            String name = name();
            return new Token(Lexical.isReserved(name) ? Kind.RESERVED_WORD : Kind.ATOM, name, start);
        }
        if (Lexical.isVariableStart(c)) {
            return new Token(Kind.VARIABLE, name(), start);
        }
        if (Lexical.isDigit(c)) {
            return number(start);
        }
        return switch (c) {
            case '\'' -> quotedAtom(start);
            case '"' -> new Token(Kind.STRING, quoted('"', start, "string"), start);
            case '$' -> character(start);
            case '.' -> {
                advance();
                yield at == text.length || Lexical.isWhiteSpace(text[at]) || text[at] == '%'
                        ? new Token(Kind.DOT, ".", start)
                        : new Token(Kind.PUNCTUATION, ".", start);
            }
            default -> punctuation(c, start);
        };
    }

    private Token punctuation(int c, Position start) {
        for (String twoChars : TWO_CHAR_PUNCTUATION) {
            if (c == twoChars.charAt(0) && peek(1) == twoChars.charAt(1)) {
                advance();
                advance();
                return new Token(Kind.PUNCTUATION, twoChars, start);
            }
        }
        if (c < 0x80 && !Character.isISOControl(c)) {
            advance();
            return new Token(Kind.PUNCTUATION, Character.toString(c), start);
        }
        throw error(start, "illegal character " + describe(c));
    }

    private void skipWhiteSpaceAndComments() {
        while (at < text.length) {
            if (text[at] == '%') {
                while (at < text.length && text[at] != '\n') {
                    advance();
                }
            } else if (Lexical.isWhiteSpace(text[at])) {
                advance();
            } else {
                return;
            }
        }
    }

    private String name() {
        int from = at;
        while (at < text.length && Lexical.isNameChar(text[at])) {
            advance();
        }
        return new String(text, from, at - from);
    }

    private Token quotedAtom(Position start) {
        String name = quoted('\'', start, "quoted atom");
        if (name.codePointCount(0, name.length()) > Lexical.MAX_ATOM_LENGTH) {
            throw error(start, "atom longer than " + Lexical.MAX_ATOM_LENGTH + " characters");
        }
        return new Token(Kind.ATOM, name, start);
    }

    /** Reads a quoted string or atom from its opening quote to its closing one. */
    private String quoted(char quote, Position start, String what) {
        advance();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at == text.length) {
                throw error(start, what + " not terminated: no closing " + quote + " before the end of the file");
            }
            int c = text[at];
            if (c == quote) {
                advance();
                return out.toString();
            }
            out.appendCodePoint(c == '\\' ? escape() : characterAt());
        }
    }

    private Token character(Position start) {
        advance();
        if (at == text.length) {
            throw error(start, "character literal '$' with no character after it");
        }
        int c = text[at] == '\\' ? escape() : characterAt();
        return new Token(Kind.INTEGER, (long) c, start);
    }

    /** The character at the cursor, taken as it is. */
    private int characterAt() {
        int c = text[at];
        if (!Lexical.isCharacter(c)) {
            throw error(position(), "illegal character " + describe(c));
        }
        advance();
        return c;
    }

    /** Reads an escape sequence from its backslash: {@code erl_scan}'s escapes. */
    private int escape() {
        Position start = position();
        advance();
        if (at == text.length) {
            throw error(start, "escape sequence '\\' at the end of the file");
        }
        int c = text[at];
        if (c >= '0' && c <= '7') {
            int code = 0;
            for (int n = 0; n < 3 && at < text.length && text[at] >= '0' && text[at] <= '7'; n++) {
                code = code * 8 + (text[at] - '0');
                advance();
            }
            return code;
        }
        if (c == 'x') {
            advance();
            return hexEscape(start);
        }
        if (c == '^') { // \^A is control-A; OTP 25 takes any character's low five bits
            advance();
            if (at == text.length) {
                throw error(start, "escape sequence '\\^' at the end of the file");
            }
            return characterAt() & 0x1F;
        }
        int named = switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0B;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'e' -> 0x1B;
            case 's' -> ' ';
            case 'd' -> 0x7F;
            default -> -1;
        };
        if (named >= 0) {
            advance();
            return named;
        }
        return characterAt(); // any other character stands for itself: \\ \" \' \z
    }

    /** {@code \xHH} (two hex digits) or {@code \x{H...}}, after the {@code x}. */
    private int hexEscape(Position start) {
        boolean braced = at < text.length && text[at] == '{';
        if (braced) {
            advance();
        }
        long code = 0;
        int digits = 0;
        while (at < text.length && digit(text[at], 16) >= 0 && (braced || digits < 2)) {
            code = Math.min(code * 16 + digit(text[at], 16), Integer.MAX_VALUE);
            digits++;
            advance();
        }
        if (braced && (at == text.length || text[at] != '}')) {
            throw error(start, "bad escape: '\\x{' must be followed by hex digits and '}'");
        }
        if (braced) {
            advance();
        }
        if (digits == 0 || (!braced && digits < 2)) {
            throw error(start, "bad escape: '\\x' must be followed by two hex digits or by {hex digits}");
        }
        if (!Lexical.isCharacter(code)) {
            throw error(start, "bad escape: " + code + " is not a Unicode character");
        }
        return (int) code;
    }

    /** An integer, {@code Base#Digits} integer or float, from its first digit. */
    private Token number(Position start) {
        String digits = digits(10);
        if (at < text.length && text[at] == '#') {
            int base = digits.length() > 2 ? 0 : Integer.parseInt(digits);
            if (base < 2 || base > 36) {
                throw error(start, "integer base " + digits + " out of range 2..36");
            }
            advance();
            String based = digits(base);
            if (based.isEmpty() || (at < text.length && Lexical.isNameChar(text[at]))) {
                throw error(start, "bad integer in base " + base + ": expected digits 0.."
                        + Character.toUpperCase(Character.forDigit(base - 1, base)) + " after '" + base + "#'");
            }
            return new Token(Kind.INTEGER, integer(new BigInteger(based, base)), start);
        }
        if (at + 1 < text.length && text[at] == '.' && Lexical.isDigit(text[at + 1])) {
            advance();
            StringBuilder number = new StringBuilder(digits).append('.').append(digits(10));
            if (at < text.length && (text[at] == 'e' || text[at] == 'E')) {
                advance();
                number.append('e');
                if (at < text.length && (text[at] == '+' || text[at] == '-')) {
                    number.appendCodePoint(text[at]);
                    advance();
                }
                String exponent = digits(10);
                if (exponent.isEmpty()) {
                    throw error(start, "bad float: expected digits after the exponent's 'e'");
                }
                number.append(exponent);
            }
            double value = Double.parseDouble(number.toString());
            if (Double.isInfinite(value)) {
                throw error(start, "float " + number + " out of range");
            }
            return new Token(Kind.FLOAT, value, start);
        }
        return new Token(Kind.INTEGER, integer(new BigInteger(digits)), start);
    }

    /** An integer as a term: a {@code Long} when it fits, else a {@code BigInteger}. */
    static Object integer(BigInteger value) {
        return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
    }

    /** Digits of the base, with single underscores between digits ({@code 1_000}), without them. */
    private String digits(int base) {
        StringBuilder out = new StringBuilder();
        while (at < text.length) {
            int c = text[at];
            if (digit(c, base) >= 0) {
                out.appendCodePoint(c);
                advance();
            } else if (c == '_' && !out.isEmpty() && digit(peek(1), base) >= 0) {
                advance();
            } else {
                break;
            }
        }
        return out.toString();
    }

    /** The value of an ASCII digit or letter in the base, else -1. */
    private static int digit(int c, int base) {
        return c < 0x80 ? Character.digit(c, base) : -1;
    }

    private int peek(int ahead) {
        return at + ahead < text.length ? text[at + ahead] : -1;
    }

    private void advance() {
        if (text[at] == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        at++;
    }

    private Position position() {
        return new Position(source, line, column);
    }

    private static String describe(int c) {
        String code = String.format("U+%04X", c);
        return Character.isISOControl(c) || !Lexical.isCharacter(c) ? code : "'" + Character.toString(c) + "' (" + code + ")";
    }

    private static TermSyntaxException error(Position at, String detail) {
        return new TermSyntaxException(at, detail);
    }
}
