package dev.graft.migrate;

import static dev.graft.migrate.Modules.SHOP;
import static dev.graft.migrate.Modules.SHOP_V1;
import static dev.graft.migrate.Modules.SHOP_V2;
import static dev.graft.migrate.Values.call;
import static dev.graft.migrate.Values.record;
import static dev.graft.migrate.Values.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.graft.code.ModuleVersion;
import java.lang.reflect.Array;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which kind of container comes back when its contents are migrated (see {@link Migration}). */
class ContainerKindsTest extends TwoVersionsTest {
    private static final Comparator<Object> BY_TEXT = Comparator.comparing(Object::toString);

    ContainerKindsTest() {
        super(SHOP, SHOP_V1, SHOP_V2);
    }

    private Object point(int x, int y) {
        return record(v1, "Point", x, y);
    }

    /** A kind of container, how to make one holding a value, and the class it comes back as. */
    static Stream<Arguments> keptKinds() {
        return Stream.of(
                kind("ArrayList", p -> new ArrayList<>(List.of(p)), ArrayList.class),
                kind("LinkedList", p -> new LinkedList<>(List.of(p)), LinkedList.class),
                kind("ArrayDeque", p -> new ArrayDeque<>(List.of(p)), ArrayDeque.class),
                kind("HashSet", p -> new HashSet<>(List.of(p)), HashSet.class),
                kind("LinkedHashSet", p -> new LinkedHashSet<>(List.of(p)), LinkedHashSet.class),
                kind("TreeSet", p -> new TreeSet<>(BY_TEXT) {{ add(p); }}, TreeSet.class),
                kind("HashMap", p -> new HashMap<>(Map.of("k", p)), HashMap.class),
                kind("LinkedHashMap", p -> new LinkedHashMap<>(Map.of("k", p)), LinkedHashMap.class),
                kind("TreeMap", p -> new TreeMap<>(Map.of("k", p)), TreeMap.class),
                kind("ConcurrentHashMap", p -> new ConcurrentHashMap<>(Map.of("k", p)), ConcurrentHashMap.class),
                kind("Arrays.asList, whose kind is not kept", p -> Arrays.asList(p), ArrayList.class));
    }

    /** The JDK's unmodifiable kinds, which come back unmodifiable. */
    static Stream<Arguments> unmodifiableKinds() {
        return Stream.of(
                kind("List.of", p -> List.of(p), List.class),
                kind("Stream.toList", p -> Stream.of(p).toList(), List.class),
                kind("Collections.unmodifiableList", p -> Collections.unmodifiableList(new ArrayList<>(List.of(p))),
                        List.class),
                kind("Collections.singletonList", p -> Collections.singletonList(p), List.class),
                kind("Set.of", p -> Set.of(p), Set.class),
                kind("Collections.unmodifiableSortedSet",
                        p -> Collections.unmodifiableSortedSet(new TreeSet<>(BY_TEXT) {{ add(p); }}), SortedSet.class),
                kind("Map.of", p -> Map.of("k", p), Map.class),
                kind("Collections.unmodifiableMap", p -> Collections.unmodifiableMap(new HashMap<>(Map.of("k", p))),
                        Map.class));
    }

    private static Arguments kind(String name, UnaryOperator<Object> make, Class<?> comesBackAs) {
        return Arguments.of(name, make, comesBackAs);
    }

    /** The one element of a collection, or the one value of a map. */
    private static Object content(Object container) {
        return container instanceof Map<?, ?> m ? m.values().iterator().next() : ((Collection<?>) container).iterator().next();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keptKinds")
    void aContainerWhoseContentChanged_comesBackOfItsKind(String kind, UnaryOperator<Object> make, Class<?> comesBackAs) {
        // given
        Object container = make.apply(point(1, 2));
        // when
        Object migrated = Migration.migrate(container, v2);
        // then
        assertThat(migrated.getClass()).isSameAs(comesBackAs);
        assertThat(content(migrated)).isInstanceOf(type(v2, "Point")).hasToString("Point[x=1, y=2]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unmodifiableKinds")
    void anUnmodifiableContainerWhoseContentChanged_comesBackUnmodifiable(String kind, UnaryOperator<Object> make,
            Class<?> comesBackAs) {
        // given
        Object container = make.apply(point(1, 2));
        // when
        Object migrated = Migration.migrate(container, v2);
        // then
        assertThat(migrated).isInstanceOf(comesBackAs);
        assertThat(content(migrated)).isInstanceOf(type(v2, "Point"));
        assertThatThrownBy(() -> {
            if (migrated instanceof Map<?, ?> m) {
                m.clear();
            } else {
                ((Collection<?>) migrated).clear();
            }
        }).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aContainerWithNothingToMigrate_isReturnedAsItIs() {
        // given: shared values and values of the target version
        List<Object> list = new ArrayList<>(List.of("a", record(v2, "Point", 1, 1)));
        Map<Object, Object> map = new HashMap<>(Map.of("k", list));
        // when, then
        assertThat(Migration.migrate(list, v2)).isSameAs(list);
        assertThat(Migration.migrate(map, v2)).isSameAs(map);
    }

    @Test
    void aLinkedHashSet_keepsItsIterationOrder() {
        // given
        Set<Object> set = new LinkedHashSet<>(List.of(point(3, 0), point(1, 0), point(2, 0)));
        // when
        Object migrated = Migration.migrate(set, v2);
        // then
        assertThat((Set<?>) migrated).extracting(Object::toString)
                .containsExactly("Point[x=3, y=0]", "Point[x=1, y=0]", "Point[x=2, y=0]");
    }

    @Test
    void aTreeSetInNaturalOrder_isOrderedByTheNewRecords() {
        // given: v1's Rank is Comparable
        Set<Object> ranks = new TreeSet<>(List.of(record(v1, "Rank", 2), record(v1, "Rank", 1)));
        // when
        Object migrated = Migration.migrate(ranks, v2);
        // then
        assertThat(migrated).isInstanceOf(TreeSet.class);
        assertThat(((TreeSet<?>) migrated).comparator()).isNull();
        assertThat((Set<?>) migrated).allMatch(type(v2, "Rank")::isInstance).extracting(Object::toString)
                .containsExactly("Rank[n=1]", "Rank[n=2]");
    }

    @Test
    void aPriorityQueue_keepsItsComparator() {
        // given
        PriorityQueue<Object> queue = new PriorityQueue<>(BY_TEXT);
        queue.add(point(2, 0));
        queue.add(point(1, 0));
        // when
        Object migrated = Migration.migrate(queue, v2);
        // then
        assertThat(migrated).isInstanceOf(PriorityQueue.class);
        assertThat(((PriorityQueue<?>) migrated).comparator()).isSameAs(BY_TEXT);
        assertThat(((PriorityQueue<?>) migrated).peek()).isInstanceOf(type(v2, "Point")).hasToString("Point[x=1, y=0]");
    }

    @Test
    void mapKeys_areMigratedToo() {
        // given
        Map<Object, Object> map = new HashMap<>(Map.of(point(1, 2), "first"));
        // when
        Object migrated = Migration.migrate(map, v2);
        // then
        assertThat(((Map<?, ?>) migrated).keySet()).singleElement().isInstanceOf(type(v2, "Point"));
        assertThat(((Map<?, ?>) migrated).values()).singleElement().isEqualTo("first");
    }

    @Test
    void anArrayOfAModulesRecord_becomesAnArrayOfTheNewRecord_evenWhenEmpty() {
        // given
        Object[] empty = (Object[]) Array.newInstance(type(v1, "Point"), 0);
        Object[] one = (Object[]) Array.newInstance(type(v1, "Point"), 1);
        one[0] = point(1, 2);
        // when
        Object[] migratedEmpty = (Object[]) Migration.migrate(empty, v2);
        Object[] migratedOne = (Object[]) Migration.migrate(one, v2);
        // then
        assertThat(migratedEmpty.getClass().getComponentType()).isSameAs(type(v2, "Point"));
        assertThat(migratedOne.getClass().getComponentType()).isSameAs(type(v2, "Point"));
        assertThat(migratedOne[0]).hasToString("Point[x=1, y=2]");
    }

    @Test
    void anObjectArray_staysAnObjectArray() {
        // given
        Object[] array = {"a", point(1, 2)};
        // when
        Object[] migrated = (Object[]) Migration.migrate(array, v2);
        // then
        assertThat(migrated).isNotSameAs(array);
        assertThat(migrated.getClass()).isSameAs(Object[].class);
        assertThat(migrated[0]).isSameAs(array[0]);
        assertThat(migrated[1]).isInstanceOf(type(v2, "Point"));
    }

    @Test
    void aSortedSetOrderedByALambdaOfTheOldVersion_isAnError() {
        // given: a TreeSet whose comparator is v1's lambda
        @SuppressWarnings("unchecked")
        TreeSet<Object> set = new TreeSet<>((Comparator<Object>) call(v1, "byY"));
        set.add(point(1, 2));
        // when
        MigrationException e = catchThrowableOfType(MigrationException.class, () -> Migration.migrate(set, v2, "set"));
        // then
        assertThat(e.typeName()).startsWith("mig.Shop$$Lambda");
        assertThat(e.path()).isEqualTo("set.comparator()");
    }
}
