package dev.graft.code;

import static dev.graft.code.Lab.ask;
import static dev.graft.code.Lab.assertCollected;
import static dev.graft.code.Lab.awaitDown;
import static dev.graft.code.Lab.awaitTagged;
import static dev.graft.code.Lab.loaderOf;
import static dev.graft.code.Lab.spawnServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 3 item 6: a purged version's class loader becomes unreachable and is collected with its
 * classes, so load/purge cycles leave metaspace flat. A lambda of a purged version holds its own
 * version's loader, as an object holds its class, and nothing more.
 */
class UnloadingTest extends LabTest {
    static final String S = "t.S";
    static final String M = "t.M";

    /** A small module with a nested class and a lambda, so a version is several classes. */
    static final String SMALL = """
            package t;

            @dev.graft.code.Vsn("$V")
            public final class M {
                private M() {}

                record Pair(int a, int b) {}

                public static int vsn() {
                    java.util.function.IntSupplier s = () -> new Pair($V, 0).a();
                    return s.getAsInt();
                }
            }
            """;

    /** A module whose qualified call names its own nested type. */
    static final String OWN_TYPE = """
            package t;

            import dev.graft.code.Code;

            @dev.graft.code.Vsn("$V")
            public final class R {
                private R() {}

                public record State(int n) {}

                public static int next(State s) {
                    return s.n() + $V;
                }

                public static int run() {
                    return Code.remote(R::next, new State(10));
                }
            }
            """;


    /** Calls a ()int handle, rethrowing what it throws. */
    private static int callInt(MethodHandle h) throws Exception {
        try {
            return (int) h.invokeExact();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Test
    void afterPurge_theOldVersionsClassLoader_becomesUnreachable() throws Exception {
        MethodHandle vsn = lab.code.function(S, "vsn", MethodType.methodType(int.class));
        WeakReference<ClassLoader> v1 = lab.run(() -> {
            // given: version 1 loaded, run by a process that also made a qualified call, and
            // called from outside through a handle
            ModuleVersion loaded = lab.loaded(S, Lab.server(S), 1);
            Pid p = spawnServer(S, 1);
            Ref ref = Proc.monitor(p);
            assertThat(ask(p, "remote")).isEqualTo(1);
            assertThat(callInt(vsn)).isEqualTo(1);
            WeakReference<ClassLoader> weak = loaderOf(loaded);
            // when: version 2 is loaded and version 1 purged, killing the process
            lab.loaded(S, Lab.server(S), 2);
            assertThat(lab.code.purge(S)).isTrue();
            assertThat(awaitDown(ref).reason()).isEqualTo(Reason.KILLED);
            return weak;
        });
        // then: version 1's loader is collected, and the handle reaches version 2
        assertCollected(v1, "version 1's class loader");
        assertThat(callInt(vsn)).isEqualTo(2);
    }

    @Test
    void afterPurge_aVersionLeftByCodeTail_andADeletedVersion_areCollected() throws Exception {
        WeakReference<ClassLoader> v1 = lab.run(() -> {
            // given: a process in version 1 that moves to version 2 with Code.tail
            ModuleVersion loaded = lab.loaded(S, Lab.server(S), 1);
            Pid p = spawnServer(S, 1);
            WeakReference<ClassLoader> weak = loaderOf(loaded);
            lab.loaded(S, Lab.server(S), 2);
            Proc.send(p, "tail");
            awaitTagged("entered", p);
            // when: version 1 is purged (nobody killed)
            assertThat(lab.code.purge(S)).isFalse();
            Proc.send(p, "stop");
            return weak;
        });
        // then
        assertCollected(v1, "version 1's class loader");
        // and the same for a deleted version, once purged
        WeakReference<ClassLoader> v2 = loaderOf(lab.code.isLoaded(S).orElseThrow());
        assertThat(lab.code.delete(S)).isTrue();
        assertThat(lab.code.purge(S)).isFalse();
        assertCollected(v2, "the deleted version 2's class loader");
    }

    @Test
    void aVersionThatIsOldButNotPurged_staysReachable() throws Exception {
        // given: version 1 loaded, then version 2 (version 1 old)
        WeakReference<ClassLoader> v1 = loaderOf(lab.loaded(M, SMALL, 1));
        lab.loaded(M, SMALL, 2);
        // when: collections run
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        // then: the code server still holds version 1 as old code
        assertThat(v1.get()).isNotNull();
        assertThat(lab.code.oldCode(M)).isPresent();
        // and once purged it goes
        lab.code.purge(M);
        assertCollected(v1, "version 1's class loader");
    }

    @Test
    void aVersionWhoseQualifiedCallNamesItsOwnType_isCollectedToo() throws Exception {
        // given: R version 1 made Code.remote(R::next, new State(10)), a call typed (R$State)int
        String r = "t.R";
        ModuleVersion loaded = lab.loaded(r, OWN_TYPE, 1);
        assertThat(lab.code.apply(r, "run")).isEqualTo(11);
        WeakReference<ClassLoader> v1 = loaderOf(loaded);
        loaded = null;
        // when: version 2 is loaded and version 1 purged
        lab.loaded(r, OWN_TYPE, 2);
        assertThat(lab.code.apply(r, "run")).isEqualTo(12);
        lab.code.purge(r);
        // then
        assertCollected(v1, "version 1's class loader");
    }

    @Test
    void aLambdaOfAPurgedVersion_holdsOnlyItsOwnVersion_andOnlyWhileItIsHeld() throws Exception {
        // given: a lambda of L version 1, called; version 1 purged and then loaded again byte for
        // byte, so that the lambda's guard relinks to the twin
        String l = BadFunTest.L;
        ModuleBinary b1 = lab.binary(l, BadFunTest.L_SRC, 1);
        ModuleBinary b2 = lab.binary(l, BadFunTest.L_SRC, 2);
        lab.code.loadBinary(b1).orThrow();
        WeakReference<ClassLoader> first = loaderOf(lab.code.isLoaded(l).orElseThrow());
        IntSupplier lambda = (IntSupplier) lab.code.apply(l, "lambda");
        assertThat(lambda.getAsInt()).isEqualTo(1);
        lab.code.loadBinary(b2).orThrow();
        lab.code.loadBinary(b1).orThrow();
        WeakReference<ClassLoader> twin = loaderOf(lab.code.isLoaded(l).orElseThrow());
        assertThat(lambda.getAsInt()).isEqualTo(1);
        // when: the twin is purged too
        lab.code.loadBinary(b2).orThrow();
        lab.code.loadBinary(b2).orThrow();
        // then: the twin's loader is collected while the lambda is still held; the lambda holds
        // its own version's loader, and raises BadFun
        assertCollected(twin, "the twin's class loader");
        assertThat(first.get()).as("version 1's class loader, while its lambda is held").isNotNull();
        assertThatThrownBy(lambda::getAsInt).isInstanceOf(BadFun.class);
        // and once the lambda is dropped, version 1's loader goes as well
        lambda = null;
        assertCollected(first, "version 1's class loader");
    }

    @Test
    void loadPurgeCycles_leaveTheLoadedClassCountFlat() throws Exception {
        // given: two versions of a small module, compiled once
        ModuleBinary v1 = lab.binary(M, SMALL, 1);
        ModuleBinary v2 = lab.binary(M, SMALL, 2);
        MethodHandle vsn = lab.code.function(M, "vsn", MethodType.methodType(int.class));
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        // warm up, so the runtime's own classes are loaded before the count is taken
        for (int i = 0; i < 100; i++) {
            lab.code.loadBinary(i % 2 == 0 ? v1 : v2).orThrow();
            assertThat(callInt(vsn)).isEqualTo(i % 2 == 0 ? 1 : 2);
        }
        int before = loadedClassesAfterGc(classes);
        // when: 2,000 load/purge cycles, alternating the versions, each called once
        for (int i = 0; i < 2_000; i++) {
            ModuleBinary next = i % 2 == 0 ? v1 : v2;
            LoadResult r = lab.code.loadBinary(next);
            if (!r.isLoaded()) {
                fail("cycle " + i + ": " + r);
            }
            int expected = i % 2 == 0 ? 1 : 2;
            if (callInt(vsn) != expected) {
                fail("cycle " + i + ": the call did not reach version " + expected);
            }
        }
        int after = loadedClassesAfterGc(classes);
        // then: each cycle defined several classes (over 4,000 in all); the count stays within a loose bound
        assertThat(after - before).as("classes loaded after the cycles minus before (%d -> %d)", before, after)
                .isLessThan(500);
    }

    private static int loadedClassesAfterGc(ClassLoadingMXBean classes) {
        int count = classes.getLoadedClassCount();
        for (int i = 0; i < 5; i++) {
            System.gc();
            count = classes.getLoadedClassCount();
        }
        return count;
    }
}
