package dev.graft.term;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writing terms in OTP's syntax: quoting, escaping, numbers and binaries as {@code ~p} writes
 * them, the layout of {@code ~p} (checked against OTP 25's own output), and that reading
 * what was written gives the term back.
 */
class TermWriterTest {
    static Stream<Arguments> written() {
        return Stream.of(
                Arguments.of(Atom.of("ok"), "ok"),
                Arguments.of(Atom.of("a@b_C9"), "a@b_C9"),
                Arguments.of(Atom.of("kv.KV"), "'kv.KV'"),
                Arguments.of(Atom.of("Kv"), "'Kv'"),
                Arguments.of(Atom.of("_x"), "'_x'"),
                Arguments.of(Atom.of(""), "''"),
                Arguments.of(Atom.of("end"), "'end'"),
                Arguments.of(Atom.of("maybe"), "'maybe'"),
                Arguments.of(Atom.of("it's"), "'it\\'s'"),
                Arguments.of(Atom.of("aé"), "aé"),
                Arguments.of(Atom.of("a☺"), "'a☺'"),
                Arguments.of(42L, "42"),
                Arguments.of(-7, "-7"),
                Arguments.of(new BigInteger("123456789012345678901234567890"), "123456789012345678901234567890"),
                Arguments.of(1.0e10, "1.0e10"),
                Arguments.of(0.1, "0.1"),
                Arguments.of(1.0e-5, "1.0e-5"),
                Arguments.of(-0.0, "-0.0"),
                Arguments.of("abc", "\"abc\""),
                Arguments.of("", "\"\""),
                Arguments.of("a\nb\t\"c\\", "\"a\\nb\\t\\\"c\\\\\""),
                Arguments.of("\u001B\u007F\u0001\u0085 é☺", "\"\\e\\d\\x{1}\\x{85} é☺\""),
                Arguments.of(List.of(), "[]"),
                Arguments.of(List.of(Atom.of("a"), List.of(1L, 2L)), "[a,[1,2]]"),
                Arguments.of(Tuple.of(), "{}"),
                Arguments.of(Tuple.of(Atom.of("vsn"), "1"), "{vsn,\"1\"}"),
                Arguments.of(Map.of(), "#{}"),
                Arguments.of(Map.of(Atom.of("a"), 1L), "#{a => 1}"),
                Arguments.of(Binary.of(new byte[0]), "<<>>"),
                Arguments.of(Binary.of("abc".getBytes()), "<<\"abc\">>"),
                Arguments.of(Binary.of(new byte[] {'a', '\n', 'b'}), "<<\"a\\nb\">>"),
                Arguments.of(Binary.utf8("é☺"), "<<\"é☺\"/utf8>>"),
                Arguments.of(Binary.of(new byte[] {1, 2, (byte) 255}), "<<1,2,255>>"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("written")
    void write_writesOtpSyntax(Object term, String text) {
        assertThat(Terms.write(term)).isEqualTo(text);
    }

    @Test
    void atomToString_isTheAtomAsSource() {
        assertThat(Atom.of("kv.KV")).hasToString("'kv.KV'");
        assertThat(Atom.of("normal")).hasToString("normal");
    }

    @Test
    void write_whatIsNoTerm_isRefused() {
        assertThatThrownBy(() -> Terms.write(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a term: a java.lang.Object");
        assertThatThrownBy(() -> Terms.write(List.of(1.5f))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Terms.write(Double.NaN)).hasMessage("not a term: NaN; Erlang floats are finite");
        assertThatThrownBy(() -> Terms.write("a\uD800")).hasMessageContaining("lone surrogate");
        assertThatThrownBy(() -> Terms.write(Atom.of("x".repeat(256)))).hasMessageContaining("longer than 255");
        assertThatThrownBy(() -> Terms.write(java.util.Arrays.asList(1L, null))).hasMessage("not a term: null");
    }

    @Test
    void tupleToString_showsWhatIsNoTermByItsOwnToString_asAReasonHoldsPidsAndExceptions() {
        Tuple reason = Tuple.of(Atom.of("code_change_failed"), "kv.Store",
                java.util.Map.of(List.of(1L), new IllegalStateException("store b cannot be upgraded")));

        assertThat(reason).hasToString(
                "{code_change_failed,\"kv.Store\",#{[1] => java.lang.IllegalStateException: store b cannot be upgraded}}");
        assertThatThrownBy(() -> Terms.write(reason)).hasMessageStartingWith("not a term: a java.lang.IllegalStateException");
    }

    // ---- layout, as OTP 25's io:format("~p.~n", [T]) printed each of these ----

    @Test
    void pretty_applicationSpec_isLaidOutAsOtpDoes() {
        Object app = TermReaderTest.term("""
                {application,kv,[{description,"A key-value store, the Graft example"},{vsn,"1.1.0"},
                {modules,['kv.KvApp','kv.KvSup','kv.KvServer','kv.KvStats']},{registered,['kv.KvServer']},
                {applications,[kernel,stdlib]},{env,[{max_keys,1000},{greeting,<<"hi">>},
                {nested,#{a => [1,2,3], b => {x,"yy"}}}]},{mod,{'kv.KvApp',[]}}]}.""");
        assertThat(Terms.fileText(List.of(app))).isEqualTo("""
                {application,kv,
                             [{description,"A key-value store, the Graft example"},
                              {vsn,"1.1.0"},
                              {modules,['kv.KvApp','kv.KvSup','kv.KvServer','kv.KvStats']},
                              {registered,['kv.KvServer']},
                              {applications,[kernel,stdlib]},
                              {env,[{max_keys,1000},
                                    {greeting,<<"hi">>},
                                    {nested,#{a => [1,2,3],b => {x,"yy"}}}]},
                              {mod,{'kv.KvApp',[]}}]}.
                """);
    }

    @Test
    void pretty_longListOfNumbers_fillsItsLines() {
        List<Long> numbers = LongStream.rangeClosed(1, 40).boxed().toList();
        assertThat(Terms.fileText(List.of(numbers))).isEqualTo("""
                [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,
                 29,30,31,32,33,34,35,36,37,38,39,40].
                """);
    }

    @Test
    void pretty_listOfTuples_hasOneALine() {
        Object list = TermReaderTest.term("""
                [{a_long_tag_name_here,[x,y,z],"some string that is long enough"},{b,1},
                 {c,[{d,e},{f,g}]},{a_long_tag_name_here,[x,y,z],"some string that is long enough"}].""");
        assertThat(Terms.fileText(List.of(list))).isEqualTo("""
                [{a_long_tag_name_here,[x,y,z],"some string that is long enough"},
                 {b,1},
                 {c,[{d,e},{f,g}]},
                 {a_long_tag_name_here,[x,y,z],"some string that is long enough"}].
                """);
    }

    @Test
    void pretty_relup_isLaidOutAsSystoolsWritesIt() {
        Object relup = TermReaderTest.term("""
                {"2",[{"1",[],[{load_object_code,{kv,"1.1.0",['kv.KvStats','kv.KvServer','kv.KvSup','kv.KvApp']}},
                point_of_no_return,{load,{'kv.KvStats',brutal_purge,brutal_purge}}]}],[]}.""");
        assertThat(Terms.fileText(List.of(relup))).isEqualTo("""
                {"2",
                 [{"1",[],
                   [{load_object_code,{kv,"1.1.0",
                                          ['kv.KvStats','kv.KvServer','kv.KvSup','kv.KvApp']}},
                    point_of_no_return,
                    {load,{'kv.KvStats',brutal_purge,brutal_purge}}]}],
                 []}.
                """);
    }

    @Test
    void pretty_termThatFits_isOneLine() {
        assertThat(Terms.pretty(Tuple.of(Atom.of("vsn"), "1.0"))).isEqualTo("{vsn,\"1.0\"}");
    }

    // ---- read(write(t)) == t ----

    @Test
    void readOfWrite_trickyTerms_givesThemBack() {
        for (Arguments a : written().toList()) {
            Object term = a.get()[0];
            Object expected = term instanceof Integer i ? Long.valueOf(i) : term;
            assertThat(TermReaderTest.term(Terms.write(term) + ".")).as(Terms.write(term)).isEqualTo(expected);
        }
    }

    @Test
    void readOfWrite_randomTerms_givesThemBack() {
        RandomTerms random = new RandomTerms(20260901L);
        for (int i = 0; i < 2_000; i++) {
            // given
            Object term = random.term(4);
            // when
            Object flat = TermReaderTest.term(Terms.write(term) + ".");
            Object pretty = TermReaderTest.term(Terms.pretty(term) + ".");
            // then
            assertThat(flat).as("written: %s", Terms.write(term)).isEqualTo(term);
            assertThat(pretty).as("pretty: %s", Terms.pretty(term)).isEqualTo(term);
        }
    }

    @Test
    void writeFile_thenRead_givesTheTermsBack(@TempDir Path dir) throws Exception {
        // given
        List<Object> terms = new ArrayList<>();
        RandomTerms random = new RandomTerms(7L);
        for (int i = 0; i < 50; i++) {
            terms.add(random.term(3));
        }
        Path file = dir.resolve("many.config");
        // when
        Terms.writeFile(file, terms);
        // then
        assertThat(Terms.read(file)).isEqualTo(terms);
    }

    /** Random terms of every kind, with the atoms, strings and numbers most likely to be mistreated. */
    static final class RandomTerms {
        private static final List<String> NAMES = List.of("ok", "kv.KV", "end", "maybe", "A", "_", "", "it's",
                "a\\b", "aé", "a☺", "a b", "\n", "@", "a@b", "\uD83D\uDE00");
        private static final String SYMBOLS = "\"'\\\n\t $%#.{}[]<>";
        private final java.util.Random random;

        RandomTerms(long seed) {
            this.random = new java.util.Random(seed);
        }

        Object term(int depth) {
            int kind = random.nextInt(depth > 0 ? 11 : 7);
            return switch (kind) {
                case 0 -> Atom.of(random.nextBoolean() ? NAMES.get(random.nextInt(NAMES.size())) : string(8));
                case 1 -> switch (random.nextInt(4)) {
                    case 0 -> Long.MIN_VALUE;
                    case 1 -> Long.MAX_VALUE;
                    default -> random.nextLong() >> random.nextInt(64);
                };
                case 2 -> new BigInteger(100, random).add(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE))
                        .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1));
                case 3 -> finiteDouble();
                case 4 -> string(random.nextInt(30));
                case 5 -> {
                    byte[] bytes = new byte[random.nextInt(12)];
                    random.nextBytes(bytes);
                    yield random.nextBoolean() ? Binary.of(bytes) : Binary.utf8(string(6));
                }
                case 6 -> random.nextBoolean() ? List.of() : Tuple.of();
                case 7, 8 -> elements(depth);
                case 9 -> new Tuple(elements(depth));
                default -> {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int n = random.nextInt(4); n > 0; n--) {
                        map.put(term(0), term(depth - 1));
                    }
                    yield map;
                }
            };
        }

        private List<Object> elements(int depth) {
            List<Object> elements = new ArrayList<>();
            for (int n = random.nextInt(12); n > 0; n--) {
                elements.add(term(depth - 1));
            }
            return List.copyOf(elements);
        }

        private double finiteDouble() {
            double d;
            do {
                d = random.nextBoolean() ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble() * 1000;
            } while (!Double.isFinite(d));
            return d;
        }

        /** Characters of every sort: ASCII, quotes and backslashes, controls, Latin-1, beyond the basic plane. */
        private String string(int length) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                int c = switch (random.nextInt(5)) {
                    case 0 -> SYMBOLS.charAt(random.nextInt(SYMBOLS.length()));
                    case 1 -> random.nextInt(0x100);
                    case 2 -> 0x10000 + random.nextInt(0x10000);
                    case 3 -> 0x100 + random.nextInt(0xD000);
                    default -> 'a' + random.nextInt(26);
                };
                s.appendCodePoint(c);
            }
            return s.toString();
        }
    }
}
