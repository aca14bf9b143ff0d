package dev.graft.term;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lays a term out over lines of 80 columns as OTP's {@code ~p} ({@code io_lib_pretty}) does,
 * so that a written {@code .app} or relup reads like one OTP wrote:
 * <pre>
 * {application,kv,
 *              [{description,"A key-value store"},
 *               {vsn,"1.1.0"},
 *               {env,[{max_keys,1024},
 *                     {greeting,&lt;&lt;"hello"&gt;&gt;}]}]}
 * </pre>
 * <ul>
 * <li>A term that fits on the rest of the line, with what closes after it, is written flat.
 * <li>A list, or a tuple, lays its elements from the column after its bracket: the first where
 *     it is, each next one on the same line if it is simple (no list, tuple or map inside) and
 *     fits, else on a new line at that column. A list, tuple or map always starts a new line
 *     (unless first) and makes the next element start one.
 * <li>A tuple whose first element is an atom puts the rest after {@code {Tag,}. If some line
 *     then runs past 80 columns, the term is laid out again with the rest of a tagged tuple on
 *     a new line 4 columns in (1 column if that is still too wide), as OTP falls back.
 * <li>A map has its {@code Key => Value} pairs as a list has its elements.
 * </ul>
 * Strings are never cut, so a long one makes a long line.
 */
final class PrettyPrinter {
    private static final int WIDTH = 80;
    /** The indentations of a tagged tuple's rest that OTP tries after aligning it with the tag. */
    private static final int[] TAG_INDENTS = {4, 1};

    /** Where a tagged tuple's rest goes: after its tag (0), or this many columns in on a new line. */
    private final int tagIndent;
    private final StringBuilder out = new StringBuilder();
    /** How many characters the current line has. */
    private int column;

    private PrettyPrinter(int tagIndent) {
        this.tagIndent = tagIndent;
    }

    static String print(Object term) {
        String text = new PrettyPrinter(0).layout(term);
        for (int indent : TAG_INDENTS) {
            if (text.lines().allMatch(line -> line.length() <= WIDTH)) {
                break;
            }
            text = new PrettyPrinter(indent).layout(term);
        }
        return text;
    }

    private String layout(Object term) {
        term(term, 0);
        return out.toString();
    }

    /**
     * Writes the term from the current column; {@code closing} characters will follow it on
     * its last line. OTP's condition for writing it flat is {@code Len < Ll - Col - LD} with
     * columns counted from 1.
     */
    private void term(Object term, int closing) {
        String flat = TermWriter.write(term);
        if (flat.length() < WIDTH - (column + 1) - closing || TermWriter.isSimple(term)) {
            emit(flat);
            return;
        }
        switch (term) {
            case List<?> list -> {
                emit("[");
                elements(list, column, closing + 1, false);
                emit("]");
            }
            case Tuple tuple when tuple.get(0) instanceof Atom tag && tuple.size() >= 2 -> {
                emit("{");
                String tagText = TermWriter.write(tag);
                List<Object> rest = tuple.elements().subList(1, tuple.size());
                if (tagIndent > 0 && tagText.length() + 2 > tagIndent) {
                    int indent = column - 1 + tagIndent;
                    emit(tagText);
                    elements(rest, indent, closing + 1, true);
                } else {
                    emit(tagText + ",");
                    elements(rest, column, closing + 1, false);
                }
                emit("}");
            }
            case Tuple tuple -> {
                emit("{");
                elements(tuple.elements(), column, closing + 1, false);
                emit("}");
            }
            case Map<?, ?> map -> {
                emit("#{");
                List<Object> pairs = new ArrayList<>();
                map.forEach((k, v) -> pairs.add(new Pair(k, v)));
                elements(pairs, column, closing + 1, false);
                emit("}");
            }
            default -> throw new IllegalStateException("not a container: " + flat);
        }
    }

    /**
     * Lays out elements at {@code indent}: the first where the cursor is (or, when
     * {@code commaFirst}, after a comma as the others), the others after a comma on the same
     * line while they are simple and fit, else on a new line. OTP's conditions for the same
     * line ({@code pp_tail}) are {@code 1 + Len + 1 < Ll - Col}, or {@code 1 + Len < Ll - Col - LD}
     * for the last element.
     */
    private void elements(List<?> elements, int indent, int closing, boolean commaFirst) {
        boolean newLineNext = false;
        for (int i = 0; i < elements.size(); i++) {
            Object e = elements.get(i);
            boolean last = i == elements.size() - 1;
            if (i > 0 || commaFirst) {
                String flat = flat(e);
                int room = WIDTH - (column + 1) - (last ? closing : 1);
                if (!newLineNext && isSimple(e) && 1 + flat.length() < room) {
                    emit("," + flat);
                    continue;
                }
                emit(",");
                newLine(indent);
            }
            element(e, last ? closing : 0);
            newLineNext = !isSimple(e);
        }
    }

    private void element(Object e, int closing) {
        if (!(e instanceof Pair(Object key, Object value))) {
            term(e, closing);
            return;
        }
        String flat = flat(e);
        if (flat.length() < WIDTH - (column + 1) - closing) {
            emit(flat);
            return;
        }
        int indent = column + 4;
        term(key, 0);
        emit(" =>");
        newLine(indent);
        term(value, closing);
    }

    /** A map's {@code Key => Value}, laid out as one element. */
    private record Pair(Object key, Object value) {}

    private static String flat(Object e) {
        return e instanceof Pair(Object key, Object value)
                ? TermWriter.write(key) + " => " + TermWriter.write(value)
                : TermWriter.write(e);
    }

    private static boolean isSimple(Object e) {
        return e instanceof Pair(Object key, Object value)
                ? TermWriter.isSimple(key) && TermWriter.isSimple(value)
                : TermWriter.isSimple(e);
    }

    private void emit(String s) {
        out.append(s);
        column += s.length();
    }

    private void newLine(int indent) {
        out.append('\n').repeat(' ', indent);
        column = indent;
    }
}
