package dev.graft.term;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed texts: each is refused with the place of the fault and what was expected there.
 * All but the last group are refused by OTP 25's {@code file:consult} too.
 */
class TermSyntaxErrorTest {
    static Stream<Arguments> malformed() {
        return Stream.of(
                // structure
                Arguments.of("{a, b].", "t:1:6: expected ',' or '}' after tuple element, found ']'"),
                Arguments.of("[a b].", "t:1:4: expected ',', '|' or ']' after list element, found atom b"),
                Arguments.of("{a,}.", "t:1:4: expected a term, found '}'"),
                Arguments.of("[a,].", "t:1:4: expected a term, found ']'"),
                Arguments.of("[a|[b] c].", "t:1:8: expected ']' after the tail of a list, found atom c"),
                Arguments.of("[1|2|3].", "t:1:4: improper list: the tail after '|' is 2, not a list; only proper lists are read"),
                Arguments.of("[a,", "t:1:4: expected a term, found end of file"),
                Arguments.of("(a.", "t:1:3: expected ')' after the term in parentheses, found '.'"),
                Arguments.of("{a, ~}.", "t:1:5: expected a term, found '~'"),
                Arguments.of("{application, kv,\n [{vsn, \"1\"}\n  {modules, []}]}.",
                        "t:3:3: expected ',', '|' or ']' after list element, found '{'"),
                Arguments.of("\t{a b}.", "t:1:5: expected ',' or '}' after tuple element, found atom b"),
                // the end of a term
                Arguments.of("a", "t:1:2: expected '.' after the term, found end of file"),
                Arguments.of("a b.", "t:1:3: expected '.' after the term, found atom b"),
                Arguments.of("a.b.", "t:1:2: a '.' ends a term only when white space, a comment or the end of the file follows it"),
                Arguments.of("'a''b'.", "t:1:4: expected '.' after the term, found atom b"),
                Arguments.of("1e3.", "t:1:2: expected '.' after the term, found atom e3"),
                Arguments.of("1_.", "t:1:2: expected '.' after the term, found variable _"),
                // what a term cannot be
                Arguments.of("X.", "t:1:1: variable X in a term: a term file holds no variables; write 'X' for the atom"),
                Arguments.of("{ok, _}.", "t:1:6: variable _ in a term: a term file holds no variables; write '_' for the atom"),
                Arguments.of("end.", "t:1:1: reserved word 'end' is not an atom unless quoted: write 'end'"),
                Arguments.of("fun.", "t:1:1: reserved word 'fun' is not an atom unless quoted: write 'fun'"),
                Arguments.of("-a.", "t:1:2: expected a number after '-', found atom a"),
                Arguments.of("#{a := 1}.", "t:1:5: expected '=>' after map key, found ':='"),
                Arguments.of("#{a => 1 b}.", "t:1:10: expected ',' or '}' after map value, found atom b"),
                Arguments.of("#[a].", "t:1:2: expected '{' after '#' (a map is written #{Key => Value, ...}), found '['"),
                Arguments.of("<<a>>.", "t:1:3: expected a byte 0..255 or a string in a binary, found atom a"),
                Arguments.of("<<1 2>>.", "t:1:5: expected ',' or '>>' after binary segment, found integer 2"),
                Arguments.of("<<\"ab\"/binary>>.", "t:1:8: expected utf8 after '/' in a binary, found atom binary"),
                // tokens
                Arguments.of("\"abc", "t:1:1: string not terminated: no closing \" before the end of the file"),
                Arguments.of("{a,\n 'abc}.", "t:2:2: quoted atom not terminated: no closing ' before the end of the file"),
                Arguments.of("$", "t:1:1: character literal '$' with no character after it"),
                Arguments.of("\"a\\", "t:1:3: escape sequence '\\' at the end of the file"),
                Arguments.of("'a\\x{110000}'.", "t:1:3: bad escape: 1114112 is not a Unicode character"),
                Arguments.of("\"\\x{D800}\".", "t:1:2: bad escape: 55296 is not a Unicode character"),
                Arguments.of("\"\\x{41\".", "t:1:2: bad escape: '\\x{' must be followed by hex digits and '}'"),
                Arguments.of("'\\x4'.", "t:1:2: bad escape: '\\x' must be followed by two hex digits or by {hex digits}"),
                Arguments.of("\"\\^", "t:1:2: escape sequence '\\^' at the end of the file"),
                Arguments.of("16#.", "t:1:1: bad integer in base 16: expected digits 0..F after '16#'"),
                Arguments.of("2#102.", "t:1:1: bad integer in base 2: expected digits 0..1 after '2#'"),
                Arguments.of("37#1.", "t:1:1: integer base 37 out of range 2..36"),
                Arguments.of("1.0e400.", "t:1:1: float 1.0e400 out of range"),
                Arguments.of("1.0e.", "t:1:1: bad float: expected digits after the exponent's 'e'"),
                Arguments.of("{a,\u007F}.", "t:1:4: illegal character U+007F"),
                Arguments.of("{a,\u263A}.", "t:1:4: illegal character '\u263A' (U+263A)"),
                Arguments.of("'" + "a".repeat(256) + "'.", "t:1:1: atom longer than 255 characters"),
                // OTP reads these; Graft refuses them
                Arguments.of("[a|b].", "t:1:4: improper list: the tail after '|' is b, not a list; only proper lists are read"),
                Arguments.of("<<1:8>>.", "t:1:4: binary segment sizes and types are not read: write bytes 0..255, strings, or strings with /utf8"),
                Arguments.of("<<256>>.", "t:1:3: binary segment 256 out of range 0..255"),
                Arguments.of("<<-1>>.", "t:1:3: expected a byte 0..255 or a string in a binary, found '-'"),
                Arguments.of("<<\"\u263A\">>.", "t:1:3: character \u263A does not fit in a byte: write the string with /utf8, as in <<\"...\"/utf8>>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void parse_malformedText_isRefusedAtTheFault(String text, String message) {
        assertThatThrownBy(() -> Terms.parse("t", text))
                .isInstanceOf(TermSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void parse_error_givesItsPlaceAndDetailApart() {
        // when
        TermSyntaxException e = org.junit.jupiter.api.Assertions.assertThrows(TermSyntaxException.class,
                () -> Terms.parse("kv.app", "{application, kv,\n [{vsn, \"1\"}]]}."));
        // then
        assertThat(e.position()).contains(new Position("kv.app", 2, 14));
        assertThat(e.detail()).isEqualTo("expected ',' or '}' after tuple element, found ']'");
    }

    @Test
    void parse_errorInALaterToken_comesAfterTheErrorBeforeIt() {
        // given: a misplaced ']' and, after it, an unterminated string
        String text = "{a ] \"never closed";
        // when / then: the ']' is reported, not the string read ahead of it
        assertThatThrownBy(() -> Terms.parse("t", text))
                .hasMessage("t:1:4: expected ',' or '}' after tuple element, found ']'");
    }

    @Test
    void read_bytesThatAreNotUtf8_areRefusedAtTheirPlace(@TempDir Path dir) throws Exception {
        // given: a Latin-1 é in a file with no coding comment
        Path file = dir.resolve("bad.app");
        Files.write(file, new byte[] {'{', 'a', ',', '\n', ' ', '"', 'c', 'a', 'f', (byte) 0xE9, '"', '}', '.'});
        // when / then
        assertThatThrownBy(() -> Terms.read(file))
                .isInstanceOf(TermSyntaxException.class)
                .hasMessage(file + ":2:6: bytes that are not UTF-8; a Latin-1 file says so in its first line: %% coding: latin-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {a}.\\n{b}.\\n | :2:1: expected one term in the file, found more
            %% nothing\\n   | :1:1: expected one term in the file, found none
            """)
    void readOne_fileWithoutExactlyOneTerm_isRefused(String text, String message, @TempDir Path dir) throws Exception {
        // given
        Path file = dir.resolve("kv.app");
        Files.writeString(file, text.replace("\\n", "\n"));
        // when / then
        assertThatThrownBy(() -> Terms.readOne(file))
                .isInstanceOf(TermSyntaxException.class)
                .hasMessage(file + message);
    }
}
