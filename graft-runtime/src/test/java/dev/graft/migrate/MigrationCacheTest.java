package dev.graft.migrate;

import static dev.graft.code.Lab.assertCollected;
import static dev.graft.code.Lab.loaderOf;
import static dev.graft.migrate.Modules.SHOP;
import static dev.graft.migrate.Modules.SHOP_V1;
import static dev.graft.migrate.Modules.SHOP_V2;
import static dev.graft.migrate.Values.constant;
import static dev.graft.migrate.Values.record;
import static dev.graft.migrate.Values.type;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.code.LabTest;
import dev.graft.code.ModuleVersion;
import java.lang.ref.WeakReference;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The per-class cache of record handles and mappings: it must keep no purged version alive,
 * whichever way values were migrated, and serve many threads at once.
 */
class MigrationCacheTest extends LabTest {
    /** One of each kind of module value of {@code v}'s Shop, in containers, so that every shape is cached. */
    private static Object samples(ModuleVersion v) {
        Object red = constant(v, "Color", "RED");
        Object pen = v.vsn().equals("1") ? record(v, "Item", "pen", 1, red) : record(v, "Item", red, 1, "pen");
        Object[] items = (Object[]) Array.newInstance(type(v, "Item"), 1);
        items[0] = pen;
        return List.of(pen, red, record(v, "Point", 1, 2), record(v, "Basket", List.of(pen), Map.of("pen", pen),
                Optional.of(pen), items), new ArrayList<>(List.of(pen)));
    }

    /** Migrates {@code from}'s samples to {@code to} a few times; returns the loader of {@code from}, weakly. */
    private static WeakReference<ClassLoader> migrateSamples(ModuleVersion from, ModuleVersion to) {
        Object values = samples(from);
        for (int i = 0; i < 3; i++) {
            assertThat(Migration.migrate(values, to)).isNotSameAs(values);
        }
        return loaderOf(from);
    }

    @Test
    void afterPurge_theVersionValuesWereMigratedFrom_isCollected() {
        // given: v1's values migrated to v2, so that v1's classes hold shapes and links to v2
        lab.loadedBinary(SHOP, SHOP_V1, 1);
        ModuleVersion v2 = lab.loadedBinary(SHOP, SHOP_V2, 2);
        WeakReference<ClassLoader> v1 = migrateSamples(lab.code.oldCode(SHOP).orElseThrow(), v2);
        // when
        lab.code.purge(SHOP);
        // then
        assertCollected(v1, "version 1's class loader");
        // and v2's own values still migrate, to a version 3
        ModuleVersion v3 = lab.loadedBinary(SHOP, SHOP_V2, 3);
        assertThat(Migration.migrate(record(v2, "Point", 1, 2), v3)).isInstanceOf(type(v3, "Point"));
    }

    @Test
    void afterPurge_aVersionValuesWereMigratedTo_isCollected() {
        // given: v2's values migrated down to v1, so that v2's classes hold links to v1's
        lab.loadedBinary(SHOP, SHOP_V1, 1);
        ModuleVersion v2 = lab.loadedBinary(SHOP, SHOP_V2, 2);
        Object values = samples(v2);
        for (int i = 0; i < 3; i++) {
            Migration.migrate(values, lab.code.oldCode(SHOP).orElseThrow());
        }
        WeakReference<ClassLoader> v1 = loaderOf(lab.code.oldCode(SHOP).orElseThrow());
        // when
        lab.code.purge(SHOP);
        // then: the links from v2's classes did not keep v1 alive
        assertCollected(v1, "version 1's class loader");
        // and v2's values migrate again, to a new target
        ModuleVersion v3 = lab.loadedBinary(SHOP, SHOP_V1, 3);
        assertThat(Migration.migrate(values, v3)).asString().contains("Item[name=pen, qty=1, color=RED]");
    }

    @Test
    void manyThreadsAtOnce_migrateRight_whileTheyRaceToCacheLinksBothWays() throws Exception {
        // given: threads that migrate v1's values to v2 and v2's to v1 alternately, so that the
        // cached links are built, replaced and read concurrently
        ModuleVersion v1 = lab.loadedBinary(SHOP, SHOP_V1, 1);
        ModuleVersion v2 = lab.loadedBinary(SHOP, SHOP_V2, 2);
        Object account1 = record(v1, "Account", "ann", 100, "vip", 3);
        Object item2 = record(v2, "Item", constant(v2, "Color", "BLUE"), 2, "ink");
        Callable<Integer> worker = () -> {
            for (int i = 0; i < 2_000; i++) {
                Object a = Migration.migrate(account1, v2);
                Object b = Migration.migrate(item2, v1);
                assertThat(a.getClass()).isSameAs(type(v2, "Account"));
                assertThat(b).hasToString("Item[name=ink, qty=2, color=BLUE]");
            }
            return 2_000;
        };
        // when
        List<Future<Integer>> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(worker));
            }
        }
        // then
        for (Future<Integer> f : done) {
            assertThat(f.get()).isEqualTo(2_000);
        }
    }
}
