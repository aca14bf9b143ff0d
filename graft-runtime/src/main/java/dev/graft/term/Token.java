package dev.graft.term;

/**
 * One token of a term text, with where it starts.
 *
 * @param value the atom's, variable's, reserved word's or punctuation's text; the string's
 *              characters; the number (a {@code Long}, {@code BigInteger} or {@code Double};
 *              a character literal is its code, a {@code Long})
 */
record Token(Kind kind, Object value, Position position) {
    enum Kind {
        ATOM, VARIABLE, RESERVED_WORD, INTEGER, FLOAT, STRING, PUNCTUATION,
        /** A {@code .} followed by white space, a comment or the end: the end of a term. */
        DOT,
        END_OF_TEXT
    }

    boolean is(String punctuation) {
        return kind == Kind.PUNCTUATION && value.equals(punctuation);
    }

    /** The token as an error message names it after "found". */
    String describe() {
        return switch (kind) {
            case ATOM -> "atom " + Lexical.atom((String) value);
            case VARIABLE -> "variable " + value;
            case RESERVED_WORD -> "reserved word '" + value + "'";
            case INTEGER -> "integer " + value;
            case FLOAT -> "float " + Terms.write(value);
            case STRING -> "string " + Located.unplaced(value).shown();
            case PUNCTUATION -> "'" + value + "'";
            case DOT -> "'.'";
            case END_OF_TEXT -> "end of file";
        };
    }
}
