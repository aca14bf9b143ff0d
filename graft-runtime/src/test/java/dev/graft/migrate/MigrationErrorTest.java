package dev.graft.migrate;

import static dev.graft.migrate.Modules.BAD;
import static dev.graft.migrate.Modules.BAD_V1;
import static dev.graft.migrate.Modules.BAD_V2;
import static dev.graft.migrate.Values.call;
import static dev.graft.migrate.Values.constant;
import static dev.graft.migrate.Values.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.graft.code.ModuleVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values the rules cannot map: a {@link MigrationException} naming type, component and path, the value untouched. */
class MigrationErrorTest extends TwoVersionsTest {
    MigrationErrorTest() {
        super(BAD, BAD_V1, BAD_V2);
    }

    private Object entry(String key, Object count) {
        return record(v1, "Entry", key, count);
    }

    private Object state(List<Object> entries, String size) {
        return record(v1, "State", entries, constant(v1, "Size", size));
    }

    private MigrationException migrating(Object value, String root) {
        return catchThrowableOfType(MigrationException.class, () -> Migration.migrate(value, v2, root));
    }

    @Test
    void anIncompatibleType_isAnError_namingTheTypeTheComponentAndThePath() {
        // given: v1's Entry.count is an Object, v2's an int; the fourth entry holds a String
        Object state = state(List.of(entry("a", 1), entry("b", 2), entry("c", 3), entry("d", "x")), "M");
        // when
        MigrationException e = migrating(state, "state");
        // then
        assertThat(e).hasMessage("cannot migrate mig.Bad$Entry.count (at state.entries[3].count): "
                + "mig.Bad@1 has String \"x\", mig.Bad@2 wants int");
        assertThat(e.typeName()).isEqualTo("mig.Bad$Entry");
        assertThat(e.component()).contains("count");
        assertThat(e.path()).isEqualTo("state.entries[3].count");
    }

    @Test
    void aMissingEnumConstant_isAnError_namingTheEnumAndTheConstant() {
        // given: v2's Size has no XL
        Object state = state(List.of(), "XL");
        // when
        MigrationException e = migrating(state, "state");
        // then
        assertThat(e.typeName()).isEqualTo("mig.Bad$Size");
        assertThat(e.component()).contains("XL");
        assertThat(e.path()).isEqualTo("state.size");
        assertThat(e).hasMessageContaining("mig.Bad@2 has no constant XL in mig.Bad$Size");
    }

    @Test
    void aNewComponentWithoutADefault_isAnError() {
        // given: v2's Person has an age that v1's lacks, and no default for it
        Object person = record(v1, "Person", "ann");
        // when
        MigrationException e = migrating(person, "value");
        // then
        assertThat(e.typeName()).isEqualTo("mig.Bad$Person");
        assertThat(e.component()).contains("age");
        assertThat(e.path()).isEqualTo("value.age");
        assertThat(e).hasMessageContaining("mig.Bad@1 has no component age")
                .hasMessageContaining("@Migration.Default");
    }

    @Test
    void aDefaultThatDoesNotParse_isAnError() {
        // given: v2's Pet has @Default("many") int legs
        Object pet = record(v1, "Pet", "rex");
        // when
        MigrationException e = migrating(pet, "pet");
        // then
        assertThat(e.component()).contains("legs");
        assertThat(e).hasMessageContaining("@Migration.Default(\"many\") is not a int");
    }

    @Test
    void aModuleClassThatIsNeitherARecordNorAnEnum_isAnError_namingTheClass() {
        // given
        Object holder = record(v1, "Holder", call(v1, "counter"));
        // when
        MigrationException e = migrating(holder, "value");
        // then
        assertThat(e.typeName()).isEqualTo("mig.Bad$Counter");
        assertThat(e.component()).isEmpty();
        assertThat(e.path()).isEqualTo("value.thing");
        assertThat(e).hasMessageContaining("neither a record nor an enum");
    }

    @Test
    void aLambdaOfTheOldVersion_isAnError_namingItsClass() {
        // given
        Object lambda = call(v1, "lambda");
        // when
        MigrationException e = migrating(List.of("x", lambda), "value");
        // then
        assertThat(e.typeName()).startsWith("mig.Bad$$Lambda");
        assertThat(e.path()).isEqualTo("value[1]");
    }

    @Test
    void aRecordTheNewVersionLacks_isAnError() {
        // given: v2 has no Gone
        Object gone = record(v1, "Gone", 1);
        // when
        MigrationException e = migrating(gone, "value");
        // then
        assertThat(e.typeName()).isEqualTo("mig.Bad$Gone");
        assertThat(e).hasMessageContaining("mig.Bad@2 has no class mig.Bad$Gone");
    }

    @Test
    void aNewRecordWhoseConstructorRefusesTheValue_isAnError() {
        // given: v2's Signed refuses negatives
        Object signed = record(v1, "Signed", -1);
        // when
        MigrationException e = migrating(record(v1, "Holder", signed), "value");
        // then
        assertThat(e.typeName()).isEqualTo("mig.Bad$Signed");
        assertThat(e.path()).isEqualTo("value.thing");
        assertThat(e).hasMessageContaining("negative: -1");
    }

    @Test
    void aFailure_leavesTheValueAsItWas() {
        // given: a mutable list whose fourth entry cannot be migrated
        List<Object> entries = new ArrayList<>(List.of(entry("a", 1), entry("b", 2), entry("c", 3), entry("d", "x")));
        List<Object> before = List.copyOf(entries);
        Object state = state(entries, "M");
        // when
        migrating(state, "state");
        // then: the same elements, of version 1, in the same list
        assertThat(entries).containsExactlyElementsOf(before);
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i)).isSameAs(before.get(i));
        }
        // and once fixed, the same value migrates
        entries.set(3, entry("d", 4));
        assertThat(Migration.migrate(state, v2)).hasToString("State[entries=[Entry[key=a, count=1], "
                + "Entry[key=b, count=2], Entry[key=c, count=3], Entry[key=d, count=4]], size=M]");
    }

    @Test
    void aCycleThroughAMutableContainer_isAnError_notAStackOverflow() {
        // given
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        // when
        MigrationException e = migrating(cycle, "value");
        // then
        assertThat(e).hasMessageContaining("nested more than " + Shapes.MAX_DEPTH);
    }
}
