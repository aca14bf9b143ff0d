package dev.graft.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN decision 2, the boundary rule: modules reach each other only by calling public static
 * methods with shared types. A module that names another module's class anywhere else is refused
 * at load with {@link LoadError#BOUNDARY_VIOLATION}, naming the class, the member and the
 * reference, and nothing is loaded.
 */
class BoundaryRuleTest extends LabTest {
    static final String A = "t.A";
    static final String B = "t.B";

    static final String B_SRC = """
            package t;

            @dev.graft.code.Vsn("$V")
            public final class B {
                private B() {}

                public static int COUNT = 1;

                public record Box(int v) {}

                public static class Oops extends RuntimeException {}

                public static class Base {}

                public static int f() {
                    return 1;
                }

                public static Box box() {
                    return new Box(1);
                }

                public static Object boxAsObject() {
                    return new Box(2);
                }
            }
            """;

    /** Module A with {@code BODY} as its members. */
    static String a(String body) {
        return """
                package t;

                @dev.graft.code.Vsn("$V")
                public final class A {
                    private A() {}

                    public static int vsn() {
                        return $V;
                    }

                    BODY
                }
                """.replace("BODY", body);
    }


    /** The ways a module can name another module's class, with the pieces its error must name. */
    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("a field", "static B.Box box;",
                        List.of("class t.A", "field box", "has the type t.B$Box", "module t.B")),
                Arguments.of("a method signature", "public static void take(B.Box b) {}",
                        List.of("class t.A", "method take(Lt/B$Box;)V", "names in its signature t.B$Box")),
                Arguments.of("a return type", "public static B.Box give() { return null; }",
                        List.of("class t.A", "method give()Lt/B$Box;", "t.B$Box")),
                Arguments.of("new", "public static Object make() { return new B.Box(1); }",
                        List.of("class t.A", "method make()", "creates (new) t.B$Box")),
                Arguments.of("a cast", "public static Object cast(Object o) { return (B.Box) o; }",
                        List.of("class t.A", "method cast(", "casts to t.B$Box")),
                Arguments.of("instanceof", "public static boolean is(Object o) { return o instanceof B.Box; }",
                        List.of("class t.A", "method is(", "tests instanceof t.B$Box")),
                Arguments.of("a class literal", "public static Class<?> k() { return B.Box.class; }",
                        List.of("class t.A", "method k()", "names the class t.B$Box")),
                Arguments.of("a class literal of the module's own class", "public static Class<?> k() { return B.class; }",
                        List.of("class t.A", "method k()", "names the class t.B,")),
                Arguments.of("an instance call", "public static int v(Object o) { return ((B.Box) o).v(); }",
                        List.of("class t.A", "method v(", "calls v on an instance of t.B$Box")),
                Arguments.of("a method reference", "public static java.util.function.IntSupplier s() { return B::f; }",
                        List.of("class t.A", "method s()", "a method reference to t.B::f", "module t.B")),
                Arguments.of("a catch", """
                        public static int c() {
                            try {
                                return B.f();
                            } catch (B.Oops e) {
                                return 0;
                            }
                        }""",
                        List.of("class t.A", "method c()", "catches t.B$Oops")),
                Arguments.of("a supertype, in a nested class", "static final class Sub extends B.Base {}",
                        List.of("class t.A$Sub", "extends t.B$Base")),
                Arguments.of("a remote call whose signature names a module class",
                        "public static Object b() { return B.box(); }",
                        List.of("class t.A", "method b()", "calls t.B.box with t.B$Box")),
                Arguments.of("a static field of another module", "public static int count() { return B.COUNT; }",
                        List.of("class t.A", "method count()", "uses field COUNT of t.B")),
                Arguments.of("the receive only Graft's behaviour loops may use",
                        "public static Object r() { return dev.graft.process.LoopReceive.receive(null, 0); }",
                        List.of("class t.A", "method r()", "calls dev.graft.process.LoopReceive.receive",
                                "only Graft's own behaviour loops")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void aModuleNamingAnotherModulesClass_isRefused_andNothingIsLoaded(String how, String body, List<String> named)
            throws Exception {
        // given: module B is loaded
        ModuleVersion b = lab.loaded(B, B_SRC, 1);
        // when: module A names one of B's classes through {how}
        LoadResult r = lab.load(A, a(body), 1);
        // then: refused with boundary_violation naming the class, member and reference
        assertThat(r).isInstanceOf(LoadResult.Refused.class);
        ModuleFailure f = ((LoadResult.Refused) r).failures().getFirst();
        assertThat(((LoadResult.Refused) r).failures()).hasSize(1);
        assertThat(f.module()).isEqualTo(A);
        assertThat(f.error()).isEqualTo(LoadError.BOUNDARY_VIOLATION);
        assertThat(f.detail()).contains(named);
        // and nothing is loaded: A has no current and no old; B is untouched
        assertThat(lab.code.isLoaded(A)).isEmpty();
        assertThat(lab.code.oldCode(A)).isEmpty();
        assertThat(lab.code.isLoaded(B)).containsSame(b);
        assertThat(lab.code.oldCode(B)).isEmpty();
    }

    @Test
    void aViolatingNewVersion_isRefused_andThePreviousVersionStaysCurrent() throws Exception {
        // given: B loaded, and a clean version 1 of A
        lab.loaded(B, B_SRC, 1);
        ModuleVersion a1 = lab.loaded(A, a("public static int callB() { return B.f(); }"), 1);
        // when: version 2 of A casts to one of B's classes
        LoadResult r = lab.load(A, a("public static Object cast(Object o) { return (B.Box) o; }"), 2);
        // then: refused; version 1 is still current and there is no old code
        assertThat(r).isInstanceOf(LoadResult.Refused.class);
        assertThat(((LoadResult.Refused) r).failures()).extracting(ModuleFailure::error)
                .containsExactly(LoadError.BOUNDARY_VIOLATION);
        assertThat(lab.code.isLoaded(A)).containsSame(a1);
        assertThat(lab.code.oldCode(A)).isEmpty();
        assertThat(lab.vsnOf(A)).isEqualTo(1);
    }

    @Test
    void aModuleOnTheCodePathButNotLoaded_isStillAModule() throws Exception {
        // given: B compiled onto the code path but not loaded
        lab.compile(B, B_SRC, 1);
        // when: A has a field of B's class
        LoadResult r = lab.load(A, a("static B.Box box;"), 1);
        // then
        assertThat(r).isInstanceOf(LoadResult.Refused.class);
        assertThat(((LoadResult.Refused) r).failures().getFirst().error()).isEqualTo(LoadError.BOUNDARY_VIOLATION);
        assertThat(lab.code.isLoaded(A)).isEmpty();
    }

    @Test
    void callingAnotherModulesPublicStaticFunction_withSharedTypes_isAllowed() throws Exception {
        // given: B loaded
        lab.loaded(B, B_SRC, 1);
        // when: A calls B.f() and B.boxAsObject() (shared types only) and uses its own nested class
        LoadResult r = lab.load(A, a("""
                record Mine(Object o) {}

                public static Object call() {
                    return new Mine(B.f() + ":" + B.boxAsObject());
                }"""), 1);
        // then: loaded, and the calls work
        assertThat(r.isLoaded()).as("%s", r).isTrue();
        assertThat(lab.code.apply(A, "call").toString()).isEqualTo("Mine[o=1:Box[v=2]]");
    }

    @Test
    void everyViolationOfTheModule_isListed() throws Exception {
        // given: B loaded
        lab.loaded(B, B_SRC, 1);
        // when: A breaks the rule in three members
        LoadResult r = lab.load(A, a("""
                static B.Box box;

                public static Object cast(Object o) {
                    return (B.Box) o;
                }

                public static boolean is(Object o) {
                    return o instanceof B.Oops;
                }"""), 1);
        // then: one failure for A, whose detail names all three
        assertThat(r).isInstanceOf(LoadResult.Refused.class);
        assertThat(((LoadResult.Refused) r).failures()).singleElement().satisfies(f -> assertThat(f.detail())
                .contains("field box", "casts to t.B$Box", "tests instanceof t.B$Oops"));
    }
}
