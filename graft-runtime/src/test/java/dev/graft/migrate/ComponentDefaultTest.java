package dev.graft.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.RetentionPolicy;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link Migration.Default} texts, parsed for their component's type. */
class ComponentDefaultTest {
    record Good(
            @Migration.Default("42") int i,
            @Migration.Default("-1") Long boxed,
            @Migration.Default("2.5") double d,
            @Migration.Default("true") boolean b,
            @Migration.Default("x") char c,
            @Migration.Default("some text") String s,
            @Migration.Default String empty,
            @Migration.Default("RUNTIME") RetentionPolicy e,
            @Migration.Default List<String> list,
            @Migration.Default Set<String> set,
            @Migration.Default Map<String, Integer> map,
            @Migration.Default Collection<String> collection,
            @Migration.Default Optional<String> optional,
            int none) {}

    record Bad(
            @Migration.Default("many") int notANumber,
            @Migration.Default("yes") boolean notABoolean,
            @Migration.Default("xy") char twoChars,
            @Migration.Default("PURPLE") RetentionPolicy noSuchConstant,
            @Migration.Default("[a]") List<String> notEmpty,
            @Migration.Default Thread unsupported) {}

    private static ComponentDefault defaultOf(Class<?> record, String component) {
        return ComponentDefault.of(Stream.of(record.getRecordComponents())
                .filter(c -> c.getName().equals(component)).findFirst().orElseThrow());
    }

    @Test
    void aDefault_isParsedForItsComponentsType() {
        assertThat(defaultOf(Good.class, "i").value()).isEqualTo(42);
        assertThat(defaultOf(Good.class, "boxed").value()).isEqualTo(-1L);
        assertThat(defaultOf(Good.class, "d").value()).isEqualTo(2.5);
        assertThat(defaultOf(Good.class, "b").value()).isEqualTo(true);
        assertThat(defaultOf(Good.class, "c").value()).isEqualTo('x');
        assertThat(defaultOf(Good.class, "s").value()).isEqualTo("some text");
        assertThat(defaultOf(Good.class, "empty").value()).isEqualTo("");
        assertThat(defaultOf(Good.class, "e").value()).isSameAs(RetentionPolicy.RUNTIME);
        assertThat(defaultOf(Good.class, "list").value()).isEqualTo(List.of());
        assertThat(defaultOf(Good.class, "set").value()).isEqualTo(Set.of());
        assertThat(defaultOf(Good.class, "map").value()).isEqualTo(Map.of());
        assertThat(defaultOf(Good.class, "collection").value()).isEqualTo(List.of());
        assertThat(defaultOf(Good.class, "optional").value()).isEqualTo(Optional.empty());
    }

    @Test
    void aComponentWithoutDefault_hasNone() {
        assertThat(defaultOf(Good.class, "none")).isNull();
    }

    @Test
    void aDefaultThatDoesNotParse_saysWhy() {
        assertThat(defaultOf(Bad.class, "notANumber").problem()).contains("\"many\"").contains("int");
        assertThat(defaultOf(Bad.class, "notABoolean").problem()).contains("\"true\" or \"false\"");
        assertThat(defaultOf(Bad.class, "twoChars").problem()).contains("one character");
        assertThat(defaultOf(Bad.class, "noSuchConstant").problem()).contains("PURPLE");
        assertThat(defaultOf(Bad.class, "notEmpty").problem()).contains("starts empty");
        assertThat(defaultOf(Bad.class, "unsupported").problem()).contains("only primitives");
    }
}
