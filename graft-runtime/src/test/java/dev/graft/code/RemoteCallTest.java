package dev.graft.code;

import static dev.graft.code.Lab.awaitTagged;
import static dev.graft.code.Lab.spawnServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.UndefinedFunctionException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reference §0.2 and §1.4, DESIGN decision 3: a call from module A to module B's public static
 * method is a remote call, relinked to B's current version at every load of B, without A being
 * reloaded; a call within a module stays a plain call; code outside modules reaches them
 * through {@link CodeServer#function}, linked the same way.
 */
class RemoteCallTest extends LabTest {
    static final String A = "t.A";
    static final String B = "t.B";

    static final String B_SRC = """
            package t;

            @dev.graft.code.Vsn("$V")
            public final class B {
                private B() {}

                public static int vsn() {
                    return $V;
                }

                public static int g() {
                    return 100 + $V;
                }

                static int hidden() {
                    return -$V;
                }
            }
            """;

    /** B without g(): the function was removed in this version. */
    static final String B_WITHOUT_G = """
            package t;

            @dev.graft.code.Vsn("$V")
            public final class B {
                private B() {}

                public static int vsn() {
                    return $V;
                }
            }
            """;

    static final String A_SRC = """
            package t;

            import dev.graft.code.TailCall;
            import dev.graft.code.Vsn;
            import dev.graft.process.Pid;
            import dev.graft.process.Proc;
            import dev.graft.process.UndefinedFunctionException;
            import java.util.List;

            @Vsn("$V")
            public final class A {
                private A() {}

                public static int vsn() {
                    return $V;
                }

                public static int bVsn() {
                    return B.vsn();
                }

                public static int bG() {
                    return B.g();
                }

                public static int bHidden() {
                    return B.hidden();
                }

                /** Calls B from a nested class and from a lambda of A. */
                public static final class Inner {
                    public static int viaNested() {
                        return B.vsn();
                    }
                }

                public static int viaLambda() {
                    java.util.function.IntSupplier s = () -> B.vsn();
                    return s.getAsInt();
                }

                public static long sum(int n) {
                    long s = 0;
                    for (int i = 0; i < n; i++) {
                        s += B.vsn();
                    }
                    return s;
                }

                /** Loops locally; answers ["pair", from] with ["pair", own vsn() (local), B.vsn() (remote) or "undef", self]. */
                public static TailCall loop(Pid owner) {
                    Proc.send(owner, List.of("entered", vsn(), Proc.self()));
                    for (;;) {
                        Object m = Proc.receive();
                        if (m instanceof List<?> l && "pair".equals(l.get(0))) {
                            Object b;
                            try {
                                b = B.vsn();
                            } catch (UndefinedFunctionException e) {
                                b = "undef";
                            }
                            Proc.send((Pid) l.get(1), List.of("pair", vsn(), b, Proc.self()));
                        } else if ("stop".equals(m)) {
                            return null;
                        }
                    }
                }
            }
            """;


    /** In a process: asks A's loop for [its own vsn, B's vsn]. */
    private static List<Object> pair(Pid a) {
        Proc.send(a, List.of("pair", Proc.self()));
        List<?> r = awaitTagged("pair", a);
        return List.copyOf(r.subList(1, 3));
    }

    @Test
    void aRemoteCall_isRelinkedAtEveryLoadOfTheCallee_withoutReloadingTheCaller() throws Exception {
        lab.inProcess(() -> {
            // given: A's process loops locally in A version 1, calling B.vsn() on each request
            lab.loaded(B, B_SRC, 1);
            ModuleVersion a1 = lab.loaded(A, A_SRC, 1);
            Pid a = spawnServer(A, 1);
            assertThat(pair(a)).containsExactly(1, 1);
            // when: B version 2 is loaded; then (after a purge) version 3
            lab.loaded(B, B_SRC, 2);
            List<Object> afterV2 = pair(a);
            lab.code.purge(B);
            lab.loaded(B, B_SRC, 3);
            List<Object> afterV3 = pair(a);
            // then: A's next call reaches each new version of B; A itself was never reloaded
            assertThat(afterV2).containsExactly(1, 2);
            assertThat(afterV3).containsExactly(1, 3);
            assertThat(lab.code.isLoaded(A)).containsSame(a1);
            assertThat(lab.code.oldCode(A)).isEmpty();
        });
    }

    @Test
    void aCallWithinAModule_staysInTheCallersVersion_whileRemoteCallsMove() throws Exception {
        lab.inProcess(() -> {
            // given: A's process in A version 1, B version 1
            lab.loaded(B, B_SRC, 1);
            lab.loaded(A, A_SRC, 1);
            Pid a = spawnServer(A, 1);
            // when: both A and B get version 2
            lab.loaded(A, A_SRC, 2);
            lab.loaded(B, B_SRC, 2);
            // then: its local vsn() is still A version 1's; its remote B.vsn() is B version 2's
            assertThat(pair(a)).containsExactly(1, 2);
            assertThat(lab.code.checkProcessCode(a, A)).isTrue();
            assertThat(lab.code.checkProcessCode(a, B)).isFalse();
        });
    }

    @Test
    void aRemoteCallCompiledHot_isStillRelinked() throws Exception {
        // given: A.sum(n) calls B.vsn() n times, and has run long enough to be compiled
        lab.loaded(B, B_SRC, 1);
        lab.loaded(A, A_SRC, 1);
        for (int i = 0; i < 20; i++) {
            assertThat(lab.code.apply(A, "sum", 50_000)).isEqualTo(50_000L);
        }
        // when: B version 2 is loaded
        lab.loaded(B, B_SRC, 2);
        // then: the compiled caller reaches version 2 at its next call
        assertThat(lab.code.apply(A, "sum", 10)).isEqualTo(20L);
        for (int i = 0; i < 20; i++) {
            assertThat(lab.code.apply(A, "sum", 50_000)).isEqualTo(100_000L);
        }
        lab.code.purge(B);
        lab.loaded(B, B_SRC, 3);
        assertThat(lab.code.apply(A, "sum", 10)).isEqualTo(30L);
    }

    @Test
    void aRemoteCallToADeletedModule_raisesUndefinedFunctionException() throws Exception {
        lab.inProcess(() -> {
            // given: A's process calls B; B is then deleted
            lab.loaded(B, B_SRC, 1);
            lab.loaded(A, A_SRC, 1);
            Pid a = spawnServer(A, 1);
            assertThat(pair(a)).containsExactly(1, 1);
            // when
            assertThat(lab.code.delete(B)).isTrue();
            // then: the remote call raises undef (no auto-loading: Erlang's embedded mode)
            assertThat(pair(a)).containsExactly(1, "undef");
            assertThatThrownBy(() -> lab.code.apply(A, "bVsn")).isInstanceOf(UndefinedFunctionException.class);
            // and once B is loaded again, the same call site reaches it
            lab.loaded(B, B_SRC, 2);
            assertThat(pair(a)).containsExactly(1, 2);
            assertThat(lab.code.apply(A, "bVsn")).isEqualTo(2);
        });
    }

    @Test
    void aRemoteCallToAFunctionRemovedInTheNewVersion_raisesUndefinedFunctionException() throws Exception {
        // given: A calls B.g(), which B version 1 has
        lab.loaded(B, B_SRC, 1);
        lab.loaded(A, A_SRC, 1);
        assertThat(lab.code.apply(A, "bG")).isEqualTo(101);
        // when: B version 2, without g(), is loaded
        lab.loaded(B, B_WITHOUT_G, 2);
        // then: A's call to B.g() raises undef; its call to B.vsn() reaches version 2
        assertThatThrownBy(() -> lab.code.apply(A, "bG"))
                .isInstanceOf(UndefinedFunctionException.class)
                .hasMessageContaining("t.B.g/0");
        assertThat(lab.code.apply(A, "bVsn")).isEqualTo(2);
        // and when g() comes back in version 3 the call works again
        lab.code.purge(B);
        lab.loaded(B, B_SRC, 3);
        assertThat(lab.code.apply(A, "bG")).isEqualTo(103);
    }

    @Test
    void aCallFromOutsideModules_throughCodeServerFunction_seesEachNewVersion() throws Throwable {
        // given: a handle on t.B.vsn()I taken before B was ever loaded
        MethodHandle vsn = lab.code.function(B, "vsn", MethodType.methodType(int.class));
        // then: calling it before B is loaded raises undef
        assertThatThrownBy(() -> {
            int unused = (int) vsn.invokeExact();
        }).isInstanceOf(UndefinedFunctionException.class);
        // when / then: each load is seen by the same handle, also once the caller is hot
        lab.loaded(B, B_SRC, 1);
        assertThat((int) vsn.invokeExact()).isEqualTo(1);
        long sum = 0;
        for (int i = 0; i < 200_000; i++) {
            sum += (int) vsn.invokeExact();
        }
        assertThat(sum).isEqualTo(200_000);
        lab.loaded(B, B_SRC, 2);
        assertThat((int) vsn.invokeExact()).isEqualTo(2);
        lab.code.purge(B);
        lab.loaded(B, B_SRC, 3);
        assertThat((int) vsn.invokeExact()).isEqualTo(3);
        // and after delete it raises undef
        lab.code.purge(B);
        assertThat(lab.code.delete(B)).isTrue();
        assertThatThrownBy(() -> {
            int unused = (int) vsn.invokeExact();
        }).isInstanceOf(UndefinedFunctionException.class);
    }

    @Test
    void apply_choosesTheFunctionByNameAndArguments_inTheCurrentVersion() throws Exception {
        // given
        lab.loaded(B, B_SRC, 1);
        lab.loaded(A, A_SRC, 1);
        // when / then
        assertThat(lab.code.apply(A, "sum", 3)).isEqualTo(3L);
        assertThatThrownBy(() -> lab.code.apply(A, "sum", "three")).isInstanceOf(UndefinedFunctionException.class);
        assertThatThrownBy(() -> lab.code.apply(A, "nosuch")).isInstanceOf(UndefinedFunctionException.class);
        assertThatThrownBy(() -> lab.code.apply("t.Nowhere", "f")).isInstanceOf(UndefinedFunctionException.class);
    }

    @Test
    void remoteCallsFromANestedClassOrALambdaOfTheModule_areRelinkedToo() throws Exception {
        // given: A calls B from its nested class Inner and from a lambda
        lab.loaded(B, B_SRC, 1);
        ModuleVersion a = lab.loaded(A, A_SRC, 1);
        Class<?> inner = Class.forName(A + "$Inner", true, a.moduleClass().getClassLoader());
        assertThat(inner.getMethod("viaNested").invoke(null)).isEqualTo(1);
        assertThat(lab.code.apply(A, "viaLambda")).isEqualTo(1);
        // when
        lab.loaded(B, B_SRC, 2);
        // then
        assertThat(inner.getMethod("viaNested").invoke(null)).isEqualTo(2);
        assertThat(lab.code.apply(A, "viaLambda")).isEqualTo(2);
    }

    @Test
    void aCallToAnotherModulesNonPublicFunction_raisesUndef_likeANonExportedFunction() throws Exception {
        // given: B.hidden() is package-private: javac accepts A's call (same package), but it is not exported
        lab.loaded(B, B_SRC, 1);
        LoadResult r = lab.load(A, A_SRC, 1);
        assertThat(r.isLoaded()).as("%s", r).isTrue();
        // when / then: Erlang's m:not_exported() -> undef
        assertThatThrownBy(() -> lab.code.apply(A, "bHidden"))
                .isInstanceOf(UndefinedFunctionException.class)
                .hasMessageContaining("t.B.hidden/0");
    }
}
