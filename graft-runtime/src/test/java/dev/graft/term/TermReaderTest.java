package dev.graft.term;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading terms as {@code file:consult} does; each expectation was checked against OTP 25's
 * {@code file:consult} (the differences, improper lists and binary segments, are in
 * {@link TermSyntaxErrorTest}).
 */
class TermReaderTest {
    static Object term(String text) {
        return Terms.parse("t", text).getFirst();
    }

    static Stream<Arguments> terms() {
        Atom a = Atom.of("a");
        Atom b = Atom.of("b");
        return Stream.of(
                // atoms
                Arguments.of("ok.", Atom.of("ok")),
                Arguments.of("a@b_C9.", Atom.of("a@b_C9")),
                Arguments.of("'kv.KV'.", Atom.of("kv.KV")),
                Arguments.of("'A b'.", Atom.of("A b")),
                Arguments.of("''.", Atom.of("")),
                Arguments.of("'\\''.", Atom.of("'")),
                Arguments.of("'a\\x{263A}'.", Atom.of("a☺")),
                Arguments.of("aé.", Atom.of("aé")),
                Arguments.of("maybe.", Atom.of("maybe")),
                Arguments.of("else.", Atom.of("else")),
                // integers
                Arguments.of("42.", 42L),
                Arguments.of("-7.", -7L),
                Arguments.of("- 1.", -1L),
                Arguments.of("+3.", 3L),
                Arguments.of("1_000.", 1000L),
                Arguments.of("16#FF.", 255L),
                Arguments.of("16#ff_ff.", 65535L),
                Arguments.of("2#1010.", 10L),
                Arguments.of("36#Z.", 35L),
                Arguments.of("-16#F.", -15L),
                Arguments.of("$a.", 97L),
                Arguments.of("$\\n.", 10L),
                Arguments.of("$\\s.", 32L),
                Arguments.of("$ .", 32L),
                Arguments.of("$\\^A.", 1L),
                Arguments.of("$\\^a.", 1L),
                Arguments.of("\"\\^?\\^1\".", "\u001F\u0011"),
                Arguments.of("$\\x{1F600}.", 0x1F600L),
                Arguments.of("9223372036854775807.", Long.MAX_VALUE),
                Arguments.of("-9223372036854775808.", Long.MIN_VALUE),
                Arguments.of("9223372036854775808.", new BigInteger("9223372036854775808")),
                Arguments.of("-123456789012345678901234567890.", new BigInteger("-123456789012345678901234567890")),
                // floats
                Arguments.of("1.5.", 1.5),
                Arguments.of("-0.0.", -0.0),
                Arguments.of("1.0e3.", 1000.0),
                Arguments.of("1.0E+3.", 1000.0),
                Arguments.of("1.5e-3.", 0.0015),
                Arguments.of("1.0_1.", 1.01),
                Arguments.of("0.5e1_0.", 5.0e9),
                // strings
                Arguments.of("\"abc\".", "abc"),
                Arguments.of("\"\".", ""),
                Arguments.of("\"a\" \"b\"\n \"c\".", "abc"),
                Arguments.of("\"\\x41\\x{42}\\101\\e\\d\\s\\z\\\"\\\\\".", "ABA\u001B\u007F z\"\\"),
                Arguments.of("\"\\777\".", "\u01FF"),
                Arguments.of("\"two\nlines\".", "two\nlines"),
                Arguments.of("\"h\\x{1F600}\".", "h\uD83D\uDE00"),
                // lists
                Arguments.of("[].", List.of()),
                Arguments.of("[a, b].", List.of(a, b)),
                Arguments.of("[a|[b]].", List.of(a, b)),
                Arguments.of("[a|[]].", List.of(a)),
                Arguments.of("[a|\"bc\"].", List.of(a, 98L, 99L)),
                Arguments.of("[$a, $b].", List.of(97L, 98L)),
                // tuples
                Arguments.of("{}.", Tuple.of()),
                Arguments.of("{a, {b, []}}.", Tuple.of(a, Tuple.of(b, List.of()))),
                Arguments.of("(a).", a),
                // maps
                Arguments.of("#{}.", Map.of()),
                Arguments.of("#{a => 1, b => [a]}.", Map.of(a, 1L, b, List.of(a))),
                Arguments.of("#{a => 1, a => 2}.", Map.of(a, 2L)),
                // binaries
                Arguments.of("<<>>.", Binary.of(new byte[0])),
                Arguments.of("<<\"abc\">>.", Binary.of("abc".getBytes(StandardCharsets.US_ASCII))),
                Arguments.of("<<\"é\"/utf8>>.", Binary.utf8("é")),
                Arguments.of("<<\"é\">>.", Binary.of(new byte[] {(byte) 0xE9})),
                Arguments.of("<<1, 2, 255>>.", Binary.of(new byte[] {1, 2, (byte) 255})),
                Arguments.of("<<\"a\", 1, $b>>.", Binary.of(new byte[] {'a', 1, 'b'})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terms")
    void parse_readsTheTermOtpReads(String text, Object expected) {
        // when
        Object read = term(text);
        // then
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void parse_manyTermsWithComments_areReadInOrder() {
        // given: terms separated by comments, the last dot at the very end of the text
        String text = """
                %% a comment
                a. % after a term
                %% between terms
                {b,
                 % inside a term
                 c}.
                "d".""";
        // when
        List<Object> terms = Terms.parse("t", text);
        // then
        assertThat(terms).containsExactly(Atom.of("a"), Tuple.of(Atom.of("b"), Atom.of("c")), "d");
    }

    @Test
    void parse_noTerms_isEmpty() {
        assertThat(Terms.parse("t", "  %% only a comment\n")).isEmpty();
    }

    @Test
    void parseLocated_givesEveryTermItsLineAndColumn() {
        // given
        String text = """
                {application, kv,
                 [{vsn, "1"},
                \t{env, #{k => <<"v">>}}]}.
                """;
        // when
        Located app = Terms.parseLocated("kv.app", text).getFirst();
        // then: a tab counts as one column, as in erl_scan
        assertThat(app.position()).contains(new Position("kv.app", 1, 1));
        Located options = app.elements().get(2);
        assertThat(options.position()).contains(new Position("kv.app", 2, 2));
        Located vsn = options.elements().get(0).elements().get(1);
        assertThat(vsn.position()).contains(new Position("kv.app", 2, 9));
        Located env = options.elements().get(1).elements().get(1);
        assertThat(env.elements()).extracting(l -> l.position().orElseThrow().toString())
                .containsExactly("kv.app:3:10", "kv.app:3:15");
    }

    @Test
    void parseLocated_negativeNumberStartsAtItsSign() {
        Located n = Terms.parseLocated("t", "{a,\n  - 5}.").getFirst().elements().get(1);
        assertThat(n.term()).isEqualTo(-5L);
        assertThat(n.position()).contains(new Position("t", 2, 3));
    }

    @Test
    void parseLocated_characterBeyondTheBasicPlane_isOneColumn() {
        Located x = Terms.parseLocated("t", "{\"\uD83D\uDE00\", x}.").getFirst().elements().get(1);
        assertThat(x.position()).contains(new Position("t", 1, 7));
    }

    @Test
    void read_latin1FileThatSaysSo_isDecodedAsLatin1(@TempDir Path dir) throws Exception {
        // given: a Latin-1 file with a coding comment, as epp reads it
        Path file = dir.resolve("l.config");
        Files.write(file, "%% -*- coding: latin-1 -*-\n{name, \"caf\u00E9\"}.\n".getBytes(StandardCharsets.ISO_8859_1));
        // when
        List<Object> terms = Terms.read(file);
        // then
        assertThat(terms).containsExactly(Tuple.of(Atom.of("name"), "café"));
    }

    @Test
    void read_utf8File_isDecodedAsUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("u.config");
        Files.writeString(file, "%% coding: utf-8\n{name, \"café ☺\"}.\n");
        assertThat(Terms.read(file)).containsExactly(Tuple.of(Atom.of("name"), "café ☺"));
    }

    @Test
    void readOne_fileOfOneTerm_isThatTerm(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("one.app");
        Files.writeString(file, "{a, b}.\n");
        Located one = Terms.readOne(file);
        assertThat(one.term()).isEqualTo(Tuple.of(Atom.of("a"), Atom.of("b")));
        assertThat(one.position()).contains(new Position(file.toString(), 1, 1));
    }
}
