package dev.graft.migrate;

import static dev.graft.migrate.Modules.OTHER;
import static dev.graft.migrate.Modules.OTHER_V1;
import static dev.graft.migrate.Modules.SHOP;
import static dev.graft.migrate.Modules.SHOP_V1;
import static dev.graft.migrate.Modules.SHOP_V2;
import static dev.graft.migrate.Values.component;
import static dev.graft.migrate.Values.constant;
import static dev.graft.migrate.Values.record;
import static dev.graft.migrate.Values.type;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.code.ModuleVersion;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of {@link Migration}: records by component name, renames, defaults, enums, widening, nesting. */
class MigrationTest extends TwoVersionsTest {
    /** A record of shared code, which may hold module values. */
    record Envelope(String tag, Object payload) {}

    /** A record of shared code that cannot hold module values. */
    record Stamp(String who, long when) {}

    MigrationTest() {
        super(SHOP, SHOP_V1, SHOP_V2);
    }

    @Test
    void aRecordOfTheSameShape_becomesTheNewVersionsRecord() {
        // given
        Object point = record(v1, "Point", 3, 4);
        // when
        Object migrated = Migration.migrate(point, v2);
        // then
        assertThat(migrated.getClass()).isSameAs(type(v2, "Point"));
        assertThat(migrated).hasToString("Point[x=3, y=4]");
    }

    @Test
    void componentsAreMatchedByName_notByPosition() {
        // given: v2's Item is (color, qty, name), v1's (name, qty, color)
        Object item = record(v1, "Item", "pen", 2, constant(v1, "Color", "RED"));
        // when
        Object migrated = Migration.migrate(item, v2);
        // then
        assertThat(migrated.getClass()).isSameAs(type(v2, "Item"));
        assertThat(migrated).hasToString("Item[color=RED, qty=2, name=pen]");
        assertThat(component(migrated, "color")).isSameAs(constant(v2, "Color", "RED"));
    }

    @Test
    void aRenamedComponent_isFilledFromTheNameItHadBefore() {
        // given: v2's Account has @From("money") int salary
        Object account = record(v1, "Account", "ann", 100, "vip", 3);
        // when
        Object migrated = Migration.migrate(account, v2);
        // then
        assertThat(component(migrated, "salary")).isEqualTo(100);
    }

    @Test
    void aNewComponent_startsAsItsDefault() {
        // given: v2's Account has @Default("7") int level, @Default("GREEN") Color favourite, @Default List history
        Object account = record(v1, "Account", "ann", 100, "vip", 3);
        // when
        Object migrated = Migration.migrate(account, v2);
        // then
        assertThat(component(migrated, "level")).isEqualTo(7);
        assertThat(component(migrated, "favourite")).isSameAs(constant(v2, "Color", "GREEN"));
        assertThat(component(migrated, "history")).isEqualTo(List.of());
        assertThat(migrated).hasToString(
                "Account[owner=ann, salary=100, visits=3, level=7, favourite=GREEN, history=[]]");
    }

    @Test
    void aComponentTheNewRecordDropped_isNotCopied() {
        // given: v2's Account has no note
        Object account = record(v1, "Account", "ann", 100, "vip", 3);
        // when
        Object migrated = Migration.migrate(account, v2);
        // then
        assertThat(migrated.getClass().getRecordComponents()).extracting("name").doesNotContain("note");
        assertThat(migrated.toString()).doesNotContain("vip");
    }

    @Test
    void aComponentWidenedFromIntToLong_isConverted() {
        // given: visits is an int in v1, a long in v2
        Object account = record(v1, "Account", "ann", 100, "vip", 3);
        // when
        Object migrated = Migration.migrate(account, v2);
        // then
        assertThat(component(migrated, "visits")).isEqualTo(3L);
    }

    @Test
    void enumConstants_mapByName() {
        // given: v2's Color is BLUE, RED, GREEN, YELLOW; v1's RED, GREEN, BLUE
        Object blue = constant(v1, "Color", "BLUE");
        // when
        Object migrated = Migration.migrate(blue, v2);
        // then
        assertThat(migrated).isSameAs(constant(v2, "Color", "BLUE"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void recordsNestedInListsMapsOptionalsAndArrays_areMigrated() {
        // given
        Object pen = record(v1, "Item", "pen", 2, constant(v1, "Color", "RED"));
        Object ink = record(v1, "Item", "ink", 1, constant(v1, "Color", "BLUE"));
        Object[] all = (Object[]) Array.newInstance(type(v1, "Item"), 2);
        all[0] = pen;
        all[1] = ink;
        Object basket = record(v1, "Basket", List.of(pen, ink), Map.of("pen", pen), Optional.of(ink), all);
        // when
        Object migrated = Migration.migrate(basket, v2, "basket");
        // then
        Class<?> item2 = type(v2, "Item");
        assertThat(migrated.getClass()).isSameAs(type(v2, "Basket"));
        assertThat((List<?>) component(migrated, "items")).hasSize(2).allMatch(item2::isInstance)
                .map(Object::toString).containsExactly("Item[color=RED, qty=2, name=pen]",
                        "Item[color=BLUE, qty=1, name=ink]");
        Map<Object, Object> byName = (Map<Object, Object>) component(migrated, "byName");
        assertThat(byName).containsOnlyKeys("pen");
        assertThat(byName.get("pen")).isInstanceOf(item2).hasToString("Item[color=RED, qty=2, name=pen]");
        assertThat((Optional<?>) component(migrated, "best")).hasValueSatisfying(v -> assertThat(v).isInstanceOf(item2));
        Object[] all2 = (Object[]) component(migrated, "all");
        assertThat(all2.getClass().getComponentType()).isSameAs(item2);
        assertThat(all2).allMatch(item2::isInstance);
    }

    @Test
    void aValueOfTheTargetVersion_isReturnedAsItIs() {
        // given
        Object point = record(v2, "Point", 1, 2);
        List<Object> points = new ArrayList<>(List.of(point, "and a string"));
        // when, then
        assertThat(Migration.migrate(point, v2)).isSameAs(point);
        assertThat(Migration.migrate(points, v2)).isSameAs(points);
    }

    @Test
    void valuesOfSharedClasses_areReturnedAsTheyAre() {
        // given
        List<Object> values = List.of("text", 42, 2.5, List.of("a", 1), Map.of("k", List.of()), Optional.of("x"),
                new Stamp("ann", 1L), new Envelope("e", "no module value"), new int[] {1, 2}, new String[] {"s"});
        // when, then
        for (Object value : values) {
            assertThat(Migration.migrate(value, v2)).as("%s", value).isSameAs(value);
        }
        assertThat(Migration.migrate(null, v2)).isNull();
    }

    @Test
    void aSharedRecordHoldingAModuleValue_isMadeAnew() {
        // given
        Envelope envelope = new Envelope("move", record(v1, "Point", 5, 6));
        // when
        Object migrated = Migration.migrate(envelope, v2);
        // then
        assertThat(migrated).isInstanceOf(Envelope.class).isNotSameAs(envelope);
        Envelope e = (Envelope) migrated;
        assertThat(e.tag()).isSameAs(envelope.tag());
        assertThat(e.payload()).isInstanceOf(type(v2, "Point")).hasToString("Point[x=5, y=6]");
    }

    @Test
    void aValueOfANewerVersion_migratesToAnOlderOne() {
        // given: a v2 Item and v1 as the target (a downgrade)
        Object item = record(v2, "Item", constant(v2, "Color", "GREEN"), 9, "cup");
        // when
        Object migrated = Migration.migrate(item, v1);
        // then
        assertThat(migrated.getClass()).isSameAs(type(v1, "Item"));
        assertThat(migrated).hasToString("Item[name=cup, qty=9, color=GREEN]");
    }

    @Test
    void aValueOfAPurgedVersion_stillMigrates() {
        // given: a v1 value kept (as a message kept in a mailbox would be) while v1 is purged and v3 loaded
        Object point = record(v1, "Point", 7, 8);
        lab.code.purge(SHOP);
        ModuleVersion v3 = lab.loadedBinary(SHOP, SHOP_V2, 3);
        // when
        Object migrated = Migration.migrate(point, v3);
        // then
        assertThat(migrated.getClass()).isSameAs(type(v3, "Point"));
    }

    @Test
    void valuesOfAnotherModule_areReturnedAsTheyAre() {
        // given
        ModuleVersion other = lab.loadedBinary(OTHER, OTHER_V1, 1);
        Object note = record(other, "Note", "hi");
        // when, then
        assertThat(Migration.migrate(note, v2)).isSameAs(note);
    }
}
