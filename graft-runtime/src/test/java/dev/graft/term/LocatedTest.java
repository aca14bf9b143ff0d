package dev.graft.term;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shape checks descriptor readers use: the value, or an error at the term's place. */
class LocatedTest {
    enum Purge { SOFT_PURGE, BRUTAL_PURGE }

    private static Located located(String text) {
        return Terms.parseLocated("kv.app", text).getFirst();
    }

    @Test
    void string_takesEveryFormOfAnErlangString() {
        assertThat(located("\"1.0\".").string("vsn")).isEqualTo("1.0");
        assertThat(located("[$1, $., $0].").string("vsn")).isEqualTo("1.0");
        assertThat(located("[].").string("vsn")).isEmpty();
        assertThat(located("[16#1F600].").string("vsn")).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void string_ofWhatIsNoString_failsAtItsPlace() {
        // given
        Located vsn = located("{vsn,\n  1}.").elements().get(1);
        // when / then
        assertThatThrownBy(() -> vsn.string("vsn"))
                .isInstanceOf(BadTermException.class)
                .hasMessage("kv.app:2:3: vsn: expected a string, found 1");
        assertThatThrownBy(() -> located("[a].").string("vsn")).hasMessage("kv.app:1:1: vsn: expected a string, found [a]");
        assertThatThrownBy(() -> located("[-1].").string("vsn")).hasMessageEndingWith("found [-1]");
    }

    @Test
    void list_takesTheEmptyStringAsTheEmptyList() {
        assertThat(located("\"\".").list("modules")).isEmpty();
        assertThat(located("[a, b].").list("modules")).extracting(Located::term).containsExactly(Atom.of("a"), Atom.of("b"));
        assertThatThrownBy(() -> located("\"ab\".").list("modules"))
                .hasMessage("kv.app:1:1: modules: expected a list, found \"ab\"");
    }

    @Test
    void atomNames_readsAListOfAtomsAndFailsAtTheFirstOtherElement() {
        assertThat(located("['kv.KvApp', kv_sup].").atomNames("modules")).containsExactly("kv.KvApp", "kv_sup");
        assertThatThrownBy(() -> located("[a,\n \"b\"].").atomNames("modules"))
                .hasMessage("kv.app:2:2: modules: expected an atom, found \"b\"");
        assertThat(Atom.list(List.of("kv.KvApp", "kv_sup"))).containsExactly(Atom.of("kv.KvApp"), Atom.of("kv_sup"));
    }

    @Test
    void isList_isTrueForListsAndTheEmptyString() {
        assertThat(located("[].").isList()).isTrue();
        assertThat(located("\"\".").isList()).isTrue();
        assertThat(located("\"a\".").isList()).isFalse();
        assertThat(located("{}.").isList()).isFalse();
    }

    @Test
    void tuple_checksTheSize() {
        assertThat(located("{a, b}.").tuple(2, "env entry")).hasSize(2);
        assertThat(located("{a, b, c}.").tuple("instruction")).hasSize(3);
        assertThatThrownBy(() -> located("{a, b, c}.").tuple(2, "env entry"))
                .hasMessage("kv.app:1:1: env entry: expected a tuple of 2, found {a,b,c}");
        assertThatThrownBy(() -> located("[a].").tuple("instruction"))
                .hasMessage("kv.app:1:1: instruction: expected a tuple, found [a]");
    }

    @Test
    void atomAndInteger_checkTheKind() {
        assertThat(located("'kv.KV'.").atom("module")).isEqualTo(Atom.of("kv.KV"));
        assertThat(located("16#10.").integer("maxT")).isEqualTo(16L);
        assertThatThrownBy(() -> located("\"kv\".").atom("module")).hasMessage("kv.app:1:1: module: expected an atom, found \"kv\"");
        assertThatThrownBy(() -> located("1.5.").integer("maxT")).hasMessage("kv.app:1:1: maxT: expected an integer, found 1.5");
        assertThatThrownBy(() -> located("99999999999999999999.").integer("maxT"))
                .hasMessage("kv.app:1:1: maxT: expected an integer in the range of a long, found 99999999999999999999");
        assertThat(located("ok.").isAtom("ok")).isTrue();
        assertThat(located("\"ok\".").isAtom("ok")).isFalse();
    }

    @Test
    void oneOf_mapsAnAtomToTheConstantOfItsName() {
        assertThat(located("soft_purge.").oneOf(Purge.class, "PrePurge")).isEqualTo(Purge.SOFT_PURGE);
        assertThat(Atom.of(Purge.BRUTAL_PURGE)).isEqualTo(Atom.of("brutal_purge"));
        assertThatThrownBy(() -> located("soft.").oneOf(Purge.class, "PrePurge"))
                .hasMessage("kv.app:1:1: PrePurge: expected one of soft_purge, brutal_purge, found soft");
    }

    @Test
    void error_ofALongTerm_showsItCutShort() {
        Located long_ = located("[" + "aaaaaaaaaa,".repeat(10) + "b].");
        assertThatThrownBy(() -> long_.atom("name"))
                .hasMessage("kv.app:1:1: name: expected an atom, found [aaaaaaaaaa,aaaaaaaaaa,aaaaaaaaaa,aaaaaaaaaa,aaaaaaaaaa,a...");
    }

    @Test
    void unplaced_checksTheSameWithoutAPlace() {
        // given: a term built in Java
        Located term = Located.unplaced(Tuple.of(Atom.of("vsn"), 1L, Map.of(Atom.of("k"), "v")));
        // when / then
        assertThat(term.position()).isEmpty();
        assertThat(term.elements()).extracting(Located::term).containsExactly(Atom.of("vsn"), 1L, Map.of(Atom.of("k"), "v"));
        assertThat(term.elements().get(2).elements()).extracting(Located::term).containsExactly(Atom.of("k"), "v");
        assertThatThrownBy(() -> term.elements().get(1).string("vsn"))
                .isInstanceOf(BadTermException.class)
                .hasMessage("vsn: expected a string, found 1");
        assertThatThrownBy(() -> Located.unplaced(List.of(new Object()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unplaced_takesJavaIntegersAsTheReaderGivesThem() {
        // given: integers of every Java type, as a term built in Java may hold them
        Located term = Located.unplaced(Tuple.of(7, List.of((short) 8, (byte) 9), java.math.BigInteger.TEN, Map.of(1, 2)));
        // then
        assertThat(term.term()).isEqualTo(TermReaderTest.term("{7, [8, 9], 10, #{1 => 2}}."));
        assertThat(term.elements().getFirst().integer("maxT")).isEqualTo(7L);
    }
}
