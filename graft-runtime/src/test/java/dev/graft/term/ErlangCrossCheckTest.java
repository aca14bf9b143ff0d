package dev.graft.term;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Erlang reads what Graft writes as the same terms: OTP's {@code file:consult}
 * reads a file of random terms written by {@link Terms#writeFile}, writes them back with
 * {@code ~tw}, and Graft reads that back equal. Runs only where {@code erl} is installed.
 */
@EnabledIf("erlangInstalled")
class ErlangCrossCheckTest {
    static boolean erlangInstalled() {
        return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "erl")));
    }

    @Test
    void fileConsult_ofWhatGraftWrote_givesTheSameTerms(@TempDir Path dir) throws Exception {
        // given: random terms of every kind in a file Graft wrote
        TermWriterTest.RandomTerms random = new TermWriterTest.RandomTerms(25L);
        List<Object> terms = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            terms.add(random.term(4));
        }
        Path ours = dir.resolve("ours.config");
        Path back = dir.resolve("back.config");
        Terms.writeFile(ours, terms);
        // when: Erlang reads them and writes them back, each on one line
        Process erl = new ProcessBuilder("erl", "-noshell", "-eval", """
                {ok, Ts} = file:consult("%s"),
                ok = file:write_file("%s", unicode:characters_to_binary([io_lib:format("~tw.~n", [T]) || T <- Ts])),
                halt().""".formatted(ours, back)).inheritIO().start();
        assertThat(erl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(erl.exitValue()).isZero();
        // then: the same terms, as Erlang compares them (a string is its list of codes)
        assertThat(Terms.read(back).stream().map(ErlangCrossCheckTest::asErlangSees).toList())
                .isEqualTo(terms.stream().map(ErlangCrossCheckTest::asErlangSees).toList());
    }

    /** The term with every string as the list of its character codes, which it is in Erlang. */
    private static Object asErlangSees(Object term) {
        return switch (term) {
            case String s -> s.codePoints().mapToObj(c -> (Object) (long) c).toList();
            case List<?> l -> l.stream().map(ErlangCrossCheckTest::asErlangSees).toList();
            case Tuple t -> new Tuple(t.elements().stream().map(ErlangCrossCheckTest::asErlangSees).toList());
            case Map<?, ?> m -> {
                Map<Object, Object> seen = new HashMap<>();
                m.forEach((k, v) -> seen.put(asErlangSees(k), asErlangSees(v)));
                yield seen;
            }
            default -> term;
        };
    }
}
