package dev.graft.term;

/**
 * Where a term starts in a text: the text's name (a file name, as given) and the line and
 * column, both counted from 1. A column counts characters, a tab as one, as {@code erl_scan}
 * does.
 */
public record Position(String source, int line, int column) {
    /** Reads as {@code source:line:column}, the way compilers name a place. */
    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
