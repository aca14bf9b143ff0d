package dev.graft.term;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Erlang terms as Java values, read from and written to OTP's term syntax: the format of
 * {@code .app}, {@code .rel}, {@code .appup}, {@code relup} and {@code sys.config} files.
 *
 * <h2>Terms</h2>
 * <table>
 * <caption>Erlang terms and their Java values</caption>
 * <tr><th>Erlang</th><th>Java</th></tr>
 * <tr><td>atom {@code ok}, {@code 'kv.KV'}</td><td>{@link Atom}</td></tr>
 * <tr><td>integer {@code 42}, {@code 16#FF}, {@code $a}</td><td>{@code Long}; {@code BigInteger}
 *     only outside {@code long}'s range</td></tr>
 * <tr><td>float {@code 1.5}</td><td>{@code Double}</td></tr>
 * <tr><td>string {@code "abc"}</td><td>{@code String}</td></tr>
 * <tr><td>binary {@code <<"abc">>}</td><td>{@link Binary}</td></tr>
 * <tr><td>list {@code [a, b]}</td><td>{@code List} (unmodifiable)</td></tr>
 * <tr><td>tuple {@code {a, b}}</td><td>{@link Tuple}</td></tr>
 * <tr><td>map {@code #{a => 1}}</td><td>{@code Map} (unmodifiable, in the order written)</td></tr>
 * </table>
 *
 * <h2>Strings</h2>
 * An Erlang string is a list of character codes: {@code "ab"} and {@code [97,98]} are the same
 * term, and {@code ""} is {@code []}. Here a string literal reads as a Java {@code String} and a
 * list as a {@code List}, so {@code "ab"} reads as {@code "ab"}, {@code [$a,$b]} as
 * {@code [97, 98]}, {@code ""} as {@code ""} and {@code []} as an empty list: the reader keeps
 * what the text says, and the writer writes a {@code String} as {@code "..."} and a list as
 * {@code [...]}, so reading what was written gives an equal value. Where OTP expects a string,
 * {@link Located#string} takes all three forms; where it expects a list, {@link Located#list}
 * takes {@code ""} too.
 *
 * <h2>Reading</h2>
 * {@link #parse} and {@link #read} take a text of terms each ended by a dot, with
 * {@code file:consult}'s syntax: {@code %} comments, quoted atoms, escapes, {@code 16#FF},
 * {@code $c}, {@code 1_000}, signs, floats, adjacent strings joined. Two differences from OTP:
 * an improper list ({@code [a|b]}) is refused, and a binary holds only bytes and strings
 * (with {@code /utf8}). Errors are {@link TermSyntaxException}s naming line and column.
 *
 * <h2>Writing</h2>
 * {@link #write} writes a term on one line, {@link #pretty} over lines as {@code ~p} does; for
 * every term {@code t}, reading {@code write(t)} or {@code pretty(t)} gives a term equal to
 * {@code t} (with {@code Integer}, {@code Short} and {@code Byte} read back as {@code Long}).
 */
public final class Terms {
    private Terms() {}

    /** The terms of a text; {@code source} names the text in error messages, such as a file name. */
    public static List<Object> parse(String source, String text) {
        return termsOf(parseLocated(source, text));
    }

    /** The terms of a text, with their places. */
    public static List<Located> parseLocated(String source, String text) {
        return new Parser(source, text).terms();
    }

    /** The terms of a file, as {@code file:consult} reads them. */
    public static List<Object> read(Path file) throws IOException {
        return termsOf(readLocated(file));
    }

    /** The terms of a file, with their places. */
    public static List<Located> readLocated(Path file) throws IOException {
        String source = file.toString();
        return parseLocated(source, SourceDecoder.decode(source, Files.readAllBytes(file)));
    }

    /** The one term of a file that holds exactly one, such as a {@code .app} file. */
    public static Located readOne(Path file) throws IOException {
        List<Located> terms = readLocated(file);
        if (terms.size() != 1) {
            Position at = terms.isEmpty() ? new Position(file.toString(), 1, 1) : terms.get(1).position().orElseThrow();
            throw new TermSyntaxException(at, "expected one term in the file, found " + (terms.isEmpty() ? "none" : "more"));
        }
        return terms.getFirst();
    }

    /** The term on one line, in Erlang's syntax. */
    public static String write(Object term) {
        return TermWriter.write(term);
    }

    /** The term over lines of at most 80 columns where it can, as {@code ~p} lays it out. */
    public static String pretty(Object term) {
        return PrettyPrinter.print(term);
    }

    /** The text of a file holding the terms: each laid out as {@link #pretty} does, ended by {@code .} and a new line. */
    public static String fileText(List<?> terms) {
        return terms.stream().map(t -> PrettyPrinter.print(t) + ".\n").collect(Collectors.joining());
    }

    /** Writes the terms to a file, in UTF-8, as {@link #fileText} lays them out. */
    public static void writeFile(Path file, List<?> terms) throws IOException {
        Files.writeString(file, fileText(terms), StandardCharsets.UTF_8);
    }

    private static List<Object> termsOf(List<Located> located) {
        return located.stream().map(Located::term).toList();
    }
}
