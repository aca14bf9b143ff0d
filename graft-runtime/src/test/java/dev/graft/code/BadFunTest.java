package dev.graft.code;

import static dev.graft.code.Lab.awaitDown;
import static dev.graft.code.Lab.awaitTagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Ref;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Reference §1.3, funs: holding a lambda of old code does not count as running it, so purge and
 * soft purge go ahead; calling the lambda afterwards raises {@link BadFun}, Erlang's
 * {@code badfun}, unless a version of the module with a byte-identical binary is loaded then
 * (identical reloads carry fun entries over, erlang/otp PR #6541). A process running inside
 * such a lambda does count, and the purge kills it before it could raise anything
 * ({@link CheckProcessCodeTest#true_forAProcessRunningALambdaDefinedInOldCode}).
 */
class BadFunTest extends LabTest {
    static final String L = "t.L";

    /** Makes lambdas and method references of its version; each answers with the version. */
    static final String L_SRC = """
            package t;

            import dev.graft.code.Vsn;
            import dev.graft.process.Pid;
            import dev.graft.process.Proc;
            import java.util.List;
            import java.util.function.IntSupplier;
            import java.util.function.IntUnaryOperator;
            import java.util.function.Supplier;

            @Vsn("$V")
            public final class L {
                private L() {}

                public static int vsn() {
                    return $V;
                }

                /** A lambda that captures nothing. */
                public static IntSupplier lambda() {
                    return () -> $V;
                }

                /** A lambda that captures an argument. */
                public static IntUnaryOperator adder(int n) {
                    return x -> x + n * $V;
                }

                /** A lambda made by a nested class of the module. */
                public static IntSupplier nestedLambda() {
                    return Nested.lambda();
                }

                static final class Nested {
                    static IntSupplier lambda() {
                        return () -> 10 * $V;
                    }
                }

                /** A method reference to this module's function. */
                public static IntSupplier staticReference() {
                    return L::vsn;
                }

                /** A method reference bound to a value of this version. */
                public static IntSupplier boundReference() {
                    return new Box($V)::n;
                }

                /** A constructor reference. */
                public static Supplier<Object> constructorReference() {
                    return Box::new;
                }

                record Box(int n) {
                    Box() {
                        this($V);
                    }
                }

                /** A lambda that, run by a process, tells owner ["ran", vsn, self]. */
                public static Runnable teller(Pid owner) {
                    return () -> Proc.send(owner, List.of("ran", $V, Proc.self()));
                }
            }
            """;

    private IntSupplier lambdaOf(String function) throws Exception {
        return (IntSupplier) lab.code.apply(L, function);
    }

    private static void assertBadFun(ThrowingCallable call, String vsn) {
        assertThatThrownBy(call).isInstanceOfSatisfying(BadFun.class, e -> {
            assertThat(e.module()).isEqualTo(L);
            assertThat(e.vsn()).isEqualTo(vsn);
        }).hasMessage("badfun: a lambda of " + L + "@" + vsn + ", purged");
    }

    @Test
    void aLambdaOfOldCode_stillRuns_whileTheOldVersionIsLoaded() throws Exception {
        // given: a lambda of version 1
        lab.loaded(L, L_SRC, 1);
        IntSupplier v1 = lambdaOf("lambda");
        // when: version 2 is loaded, so version 1 is old code
        lab.loaded(L, L_SRC, 2);
        // then: the lambda still runs version 1, and version 2's lambdas run version 2
        assertThat(v1.getAsInt()).isEqualTo(1);
        assertThat(lambdaOf("lambda").getAsInt()).isEqualTo(2);
    }

    @Test
    void afterPurge_aLambdaOfThePurgedVersion_raisesBadFun_namingModuleAndVersion() throws Exception {
        // given: a lambda of version 1, called once; version 2 loaded
        lab.loaded(L, L_SRC, 1);
        IntSupplier v1 = lambdaOf("lambda");
        assertThat(v1.getAsInt()).isEqualTo(1);
        lab.loaded(L, L_SRC, 2);
        IntSupplier v2 = lambdaOf("lambda");
        // when: version 1 is purged
        assertThat(lab.code.purge(L)).isFalse();
        // then
        assertBadFun(v1::getAsInt, "1");
        assertThat(v2.getAsInt()).isEqualTo(2);
    }

    @Test
    void afterSoftPurge_aLambdaOfThePurgedVersion_raisesBadFun() throws Exception {
        // given: a lambda of version 1, version 2 loaded, nobody running version 1
        lab.loaded(L, L_SRC, 1);
        IntSupplier v1 = lambdaOf("lambda");
        lab.loaded(L, L_SRC, 2);
        // when: holding the lambda does not stop the soft purge
        assertThat(lab.code.softPurge(L)).isTrue();
        // then
        assertBadFun(v1::getAsInt, "1");
    }

    @Test
    void afterDeleteAndPurge_aLambdaOfTheDeletedVersion_raisesBadFun() throws Exception {
        // given: a lambda of version 1, the only version
        lab.loaded(L, L_SRC, 1);
        IntSupplier v1 = lambdaOf("lambda");
        // when: deleted, it is old code and its lambdas still run
        assertThat(lab.code.delete(L)).isTrue();
        assertThat(v1.getAsInt()).isEqualTo(1);
        // and when purged
        lab.code.purge(L);
        // then
        assertBadFun(v1::getAsInt, "1");
    }

    @Test
    void loadBinaryOfAThirdVersion_purgesTheFirst_whoseLambdasRaiseBadFun() throws Exception {
        // given: lambdas of versions 1 and 2, version 1 old
        lab.code.loadBinary(lab.binary(L, L_SRC, 1)).orThrow();
        IntSupplier v1 = lambdaOf("lambda");
        lab.code.loadBinary(lab.binary(L, L_SRC, 2)).orThrow();
        IntSupplier v2 = lambdaOf("lambda");
        // when: version 3 is loaded with loadBinary, which purges version 1 first
        lab.code.loadBinary(lab.binary(L, L_SRC, 3)).orThrow();
        // then
        assertBadFun(v1::getAsInt, "1");
        assertThat(v2.getAsInt()).isEqualTo(2);
    }

    @Test
    void everyKindOfLambda_raisesBadFun_evenOneFirstCalledAfterThePurge() throws Exception {
        // given: lambdas of version 1 that were never called: capturing, made by a nested class,
        // and method references to a function, bound to a value and to a constructor
        lab.loaded(L, L_SRC, 1);
        IntUnaryOperator adder = (IntUnaryOperator) lab.code.apply(L, "adder", 5);
        IntSupplier nested = lambdaOf("nestedLambda");
        IntSupplier staticReference = lambdaOf("staticReference");
        IntSupplier boundReference = lambdaOf("boundReference");
        @SuppressWarnings("unchecked")
        Supplier<Object> constructorReference = (Supplier<Object>) lab.code.apply(L, "constructorReference");
        lab.loaded(L, L_SRC, 2);
        // when: version 1 is purged
        lab.code.purge(L);
        // then
        assertBadFun(() -> adder.applyAsInt(1), "1");
        assertBadFun(nested::getAsInt, "1");
        assertBadFun(staticReference::getAsInt, "1");
        assertBadFun(boundReference::getAsInt, "1");
        assertBadFun(constructorReference::get, "1");
    }

    @Test
    void methodReferences_runTheirVersion_untilItIsPurged() throws Exception {
        // given: method references of version 1
        lab.loaded(L, L_SRC, 1);
        IntSupplier staticReference = lambdaOf("staticReference");
        IntSupplier boundReference = lambdaOf("boundReference");
        @SuppressWarnings("unchecked")
        Supplier<Object> constructorReference = (Supplier<Object>) lab.code.apply(L, "constructorReference");
        // when: version 2 is loaded
        lab.loaded(L, L_SRC, 2);
        // then: they still reach version 1's code
        assertThat(staticReference.getAsInt()).isEqualTo(1);
        assertThat(boundReference.getAsInt()).isEqualTo(1);
        assertThat(constructorReference.get()).hasToString("Box[n=1]");
        assertThat(lab.code.purge(L)).isFalse();
        assertBadFun(staticReference::getAsInt, "1");
    }

    @Test
    void aLambdaCalledInAHotLoop_raisesBadFun_afterThePurge() throws Exception {
        // given: a lambda of version 1 called often enough to be compiled
        lab.loaded(L, L_SRC, 1);
        IntUnaryOperator adder = (IntUnaryOperator) lab.code.apply(L, "adder", 1);
        assertThat(sumOf(adder, 200_000)).isEqualTo(200_000);
        lab.loaded(L, L_SRC, 2);
        // when: version 1 is purged
        lab.code.purge(L);
        // then
        assertBadFun(() -> sumOf(adder, 1), "1");
    }

    private static int sumOf(IntUnaryOperator adder, int times) {
        int sum = 0;
        for (int i = 0; i < times; i++) {
            sum = adder.applyAsInt(sum);
        }
        return sum;
    }

    @Test
    void aLambdaOfAPurgedVersion_runsAgain_whileAByteIdenticalBinaryIsLoaded() throws Exception {
        // given: a lambda of version 1; versions 2 and 3 loaded with loadBinary, which purged version 1
        ModuleBinary b1 = lab.binary(L, L_SRC, 1);
        ModuleBinary b2 = lab.binary(L, L_SRC, 2);
        ModuleBinary b3 = lab.binary(L, L_SRC, 3);
        lab.code.loadBinary(b1).orThrow();
        IntSupplier v1 = lambdaOf("lambda");
        lab.code.loadBinary(b2).orThrow();
        lab.code.loadBinary(b3).orThrow();
        assertBadFun(v1::getAsInt, "1");
        // when: version 1 is compiled and loaded again, byte for byte the same
        ModuleBinary again = lab.binary(L, L_SRC, 1);
        assertThat(again.md5()).isEqualTo(b1.md5());
        lab.code.loadBinary(again).orThrow();
        // then: the lambda runs, as current code and then as old code
        assertThat(v1.getAsInt()).isEqualTo(1);
        lab.code.loadBinary(b2).orThrow();
        assertThat(v1.getAsInt()).isEqualTo(1);
        // and once the identical version is purged too, it raises BadFun again
        lab.code.loadBinary(b3).orThrow();
        assertBadFun(v1::getAsInt, "1");
    }

    @Test
    void purgingAVersion_whoseIdenticalTwinIsCurrent_leavesItsLambdasRunning() throws Exception {
        // given: a lambda of version 1, then the same binary loaded again on top of it
        ModuleBinary b1 = lab.binary(L, L_SRC, 1);
        lab.code.loadBinary(b1).orThrow();
        IntSupplier v1 = lambdaOf("lambda");
        assertThat(v1.getAsInt()).isEqualTo(1);
        lab.code.loadBinary(b1).orThrow();
        // when: the first load is purged
        assertThat(lab.code.purge(L)).isFalse();
        // then: its lambda runs, while the twin is current and while it is old
        assertThat(v1.getAsInt()).isEqualTo(1);
        lab.code.loadBinary(lab.binary(L, L_SRC, 2)).orThrow();
        assertThat(v1.getAsInt()).isEqualTo(1);
        // and when the twin is purged, it raises BadFun
        lab.code.purge(L);
        assertBadFun(v1::getAsInt, "1");
    }

    @Test
    void aProcessHoldingALambda_doesNotStopASoftPurge_andDiesOfBadFun_whenItCallsItAfter() throws Exception {
        lab.inProcess(() -> {
            // given: a process, spawned outside any module, holding a Runnable of version 1 and
            // waiting in a receive of its own
            lab.loaded(L, L_SRC, 1);
            Runnable teller = (Runnable) lab.code.apply(L, "teller", Proc.self());
            Pid self = Proc.self();
            Pid holder = Proc.spawn(() -> {
                Proc.send(self, List.of("holding", 1, Proc.self()));
                Proc.receive(m -> "go".equals(m));
                teller.run();
            });
            Ref ref = Proc.monitor(holder);
            awaitTagged("holding", holder);
            lab.loaded(L, L_SRC, 2);
            // when: holding does not count as running old code, so the soft purge removes version 1
            assertThat(lab.code.checkProcessCode(holder, L)).isFalse();
            assertThat(lab.code.softPurge(L)).isTrue();
            // and the process then runs the lambda
            Proc.send(holder, "go");
            // then: it dies with BadFun as its exit reason
            assertThat(awaitDown(ref).reason()).isInstanceOfSatisfying(BadFun.class, e -> {
                assertThat(e.module()).isEqualTo(L);
                assertThat(e.vsn()).isEqualTo("1");
            });
        });
    }

    @Test
    void aRunnablePassedToAProcessAfterThePurge_crashesItWithBadFun() throws Exception {
        lab.inProcess(() -> {
            // given: a Runnable of version 1, and a process that runs the Runnables it is sent
            lab.loaded(L, L_SRC, 1);
            Runnable teller = (Runnable) lab.code.apply(L, "teller", Proc.self());
            Pid runner = Proc.spawn(() -> {
                for (;;) {
                    if (Proc.receive() instanceof Runnable r) {
                        r.run();
                    }
                }
            });
            Ref ref = Proc.monitor(runner);
            Proc.send(runner, teller);
            assertThat(awaitTagged("ran", runner).get(1)).isEqualTo(1);
            // when: version 2 is loaded, version 1 purged, and the Runnable sent again
            lab.loaded(L, L_SRC, 2);
            assertThat(lab.code.purge(L)).isFalse();
            Proc.send(runner, teller);
            // then: the process dies with BadFun, not having run the lambda's body
            assertThat(awaitDown(ref).reason()).isInstanceOf(BadFun.class)
                    .hasToString(BadFun.class.getName() + ": badfun: a lambda of " + L + "@1, purged");
            assertThat(Proc.receive(m -> m instanceof List<?> l && "ran".equals(l.getFirst()), 0)).isNull();
        });
    }
}
