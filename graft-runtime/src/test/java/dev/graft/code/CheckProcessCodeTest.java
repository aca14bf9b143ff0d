package dev.graft.code;

import static dev.graft.code.Lab.awaitDown;
import static dev.graft.code.Lab.awaitTagged;
import static dev.graft.code.Lab.spawnServer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reference §1.3: which processes count as running a module's old code. A frame of the old
 * version on the stack counts (executing it, a call out of it not yet returned, a lambda defined
 * in it running); only holding a lambda or a value of it does not. Purge kills exactly those
 * that count.
 */
class CheckProcessCodeTest extends LabTest {
    static final String F = "t.F";
    static final String G = "t.G";
    static final String H = "t.H";
    static final String S = "t.S";

    /** Makes lambdas and values of its version, and calls out into G. */
    static final String F_SRC = """
            package t;

            import dev.graft.code.Vsn;
            import dev.graft.process.Pid;
            import dev.graft.process.Proc;
            import java.util.List;

            @Vsn("$V")
            public final class F {
                private F() {}

                public static int vsn() {
                    return $V;
                }

                /** A lambda of this version: run, it tells owner ["running", vsn, self] and waits for "go". */
                public static Runnable waiter(Pid owner) {
                    return () -> {
                        Proc.send(owner, List.of("running", $V, Proc.self()));
                        Proc.receive(m -> "go".equals(m));
                    };
                }

                /** A nested class of this version, whose method blocks until "go". */
                public static final class Worker {
                    public static void work(Pid owner) {
                        Proc.send(owner, List.of("working", $V, Proc.self()));
                        Proc.receive(m -> "go".equals(m));
                    }
                }

                /** A value of a class of this version. */
                public static Object value() {
                    return new Object() {
                        @Override
                        public String toString() {
                            return "a value of version $V";
                        }
                    };
                }

                /** A call out of this version into G, which blocks until "go". */
                public static int callOut(Pid owner) {
                    return G.block(owner) + vsn();
                }

                /** A callback, called remotely by G's loop. */
                public static int handle(int x) {
                    return x * 10 + $V;
                }

                /** An exception made in this version. */
                public static RuntimeException failure() {
                    return new IllegalStateException("made by version $V");
                }
            }
            """;

    /** Blocks for F. */
    static final String G_SRC = """
            package t;

            import dev.graft.code.Vsn;
            import dev.graft.process.Pid;
            import dev.graft.process.Proc;
            import java.util.List;

            @Vsn("$V")
            public final class G {
                private G() {}

                public static int block(Pid owner) {
                    Proc.send(owner, List.of("blocked", $V, Proc.self()));
                    Proc.receive(m -> "go".equals(m));
                    return 0;
                }
            }
            """;

    /** A behaviour-like loop that calls F only remotely. */
    static final String H_SRC = """
            package t;

            import dev.graft.code.Vsn;
            import dev.graft.process.Pid;
            import dev.graft.process.Proc;
            import java.util.List;

            @Vsn("$V")
            public final class H {
                private H() {}

                /** Loops in H; on ["handle", x, from] answers ["handled", F.handle(x), self]. */
                public static void behaviour(Pid owner) {
                    Proc.send(owner, List.of("entered", $V, Proc.self()));
                    for (;;) {
                        Object m = Proc.receive();
                        if (m instanceof List<?> l && "handle".equals(l.get(0))) {
                            Proc.send((Pid) l.get(2), List.of("handled", F.handle((Integer) l.get(1)), Proc.self()));
                        } else if ("stop".equals(m)) {
                            return;
                        }
                    }
                }
            }
            """;


    private void loadFG(int vsn) {
        lab.loaded(G, G_SRC, vsn);
        lab.loaded(F, F_SRC, vsn);
    }

    @Test
    void true_forAProcessExecutingOldCode() throws Exception {
        lab.inProcess(() -> {
            // given: a process looping in version 1 (blocked in Proc.receive, called from version 1)
            lab.loaded(S, Lab.server(S), 1);
            Pid p = spawnServer(S, 1);
            assertThat(lab.code.checkProcessCode(p, S)).as("no old code yet").isFalse();
            // when: version 2 is loaded
            lab.loaded(S, Lab.server(S), 2);
            // then
            assertThat(lab.code.checkProcessCode(p, S)).isTrue();
            assertThat(Code.checkProcessCode(p, S)).isTrue();
        });
    }

    @Test
    void true_forAProcessBlockedInACallOutOfOldCode_intoAnotherModule() throws Exception {
        lab.inProcess(() -> {
            // given: a process in F version 1's callOut, blocked inside G.block
            loadFG(1);
            Pid p = Code.spawn(F, "callOut", Proc.self());
            Ref ref = Proc.monitor(p);
            awaitTagged("blocked", p);
            // when: F version 2 is loaded
            lab.loaded(F, F_SRC, 2);
            // then: F's old code is on its stack (a return address into it); G has no old code
            assertThat(lab.code.checkProcessCode(p, F)).isTrue();
            assertThat(lab.code.checkProcessCode(p, G)).isFalse();
            // and when G gets version 2 as well, it is running G's old code too
            lab.loaded(G, G_SRC, 2);
            assertThat(lab.code.checkProcessCode(p, G)).isTrue();
            // so purging F kills it
            assertThat(lab.code.purge(F)).isTrue();
            assertThat(awaitDown(ref).reason()).isEqualTo(Reason.KILLED);
        });
    }

    @Test
    void true_forAProcessExecutingANestedClassOfTheOldVersion() throws Exception {
        lab.inProcess(() -> {
            // given: a process in F version 1's nested class Worker (nested classes belong to the module)
            loadFG(1);
            Class<?> worker = Class.forName(F + "$Worker", true, lab.code.isLoaded(F).orElseThrow().moduleClass().getClassLoader());
            Pid p = Proc.spawn(worker, "work", Proc.self());
            Ref ref = Proc.monitor(p);
            awaitTagged("working", p);
            // when: F version 2 is loaded
            lab.loaded(F, F_SRC, 2);
            // then
            assertThat(lab.code.checkProcessCode(p, F)).isTrue();
            assertThat(lab.code.purge(F)).isTrue();
            assertThat(awaitDown(ref).reason()).isEqualTo(Reason.KILLED);
        });
    }

    @Test
    void true_forAProcessRunningALambdaDefinedInOldCode() throws Exception {
        lab.inProcess(() -> {
            // given: a process, spawned outside any module, running a lambda that F version 1 made
            loadFG(1);
            Runnable waiter = (Runnable) lab.code.apply(F, "waiter", Proc.self());
            Pid p = Proc.spawn(waiter::run);
            Ref ref = Proc.monitor(p);
            assertThat(awaitTagged("running", p).get(1)).isEqualTo(1);
            // when: F version 2 is loaded
            lab.loaded(F, F_SRC, 2);
            // then: it runs inside a fun of the old code (E3 run_in_fun)
            assertThat(lab.code.checkProcessCode(p, F)).isTrue();
            assertThat(lab.code.softPurge(F)).isFalse();
            assertThat(lab.code.purge(F)).isTrue();
            assertThat(awaitDown(ref).reason()).isEqualTo(Reason.KILLED);
        });
    }

    @Test
    void false_forAProcessOnlyHoldingALambdaOrAValueOfTheOldVersion() throws Exception {
        lab.inProcess(() -> {
            // given: a process, spawned outside any module, holding a lambda, a value and an
            // exception made by F version 1, waiting in a receive of its own
            loadFG(1);
            Runnable waiter = (Runnable) lab.code.apply(F, "waiter", Proc.self());
            Object value = lab.code.apply(F, "value");
            Object failure = lab.code.apply(F, "failure");
            Pid self = Proc.self();
            Pid holder = Proc.spawn(() -> {
                List<Object> held = List.of(waiter, value, failure);
                Proc.send(self, List.of("holding", held.size(), Proc.self()));
                Proc.receive(m -> "go".equals(m));
                Proc.send(self, List.of("still holding", held.toString().length(), Proc.self()));
            });
            Ref ref = Proc.monitor(holder);
            awaitTagged("holding", holder);
            // when: F version 2 is loaded
            lab.loaded(F, F_SRC, 2);
            // then: holding does not count (E3 holder_with_fun); a soft purge succeeds, nobody is killed
            assertThat(lab.code.checkProcessCode(holder, F)).isFalse();
            assertThat(lab.code.softPurge(F)).isTrue();
            assertThat(lab.code.oldCode(F)).isEmpty();
            Proc.send(holder, "go");
            awaitTagged("still holding", holder);
            assertThat(awaitDown(ref).reason()).isEqualTo(Reason.NORMAL);
        });
    }

    @Test
    void false_forAProcessThatMovedOnWithCodeTail() throws Exception {
        lab.inProcess(() -> {
            // given: a process in version 1, version 2 loaded
            lab.loaded(S, Lab.server(S), 1);
            Pid p = spawnServer(S, 1);
            lab.loaded(S, Lab.server(S), 2);
            assertThat(lab.code.checkProcessCode(p, S)).isTrue();
            // when: it makes the qualified tail call
            Proc.send(p, "tail");
            awaitTagged("entered", p);
            // then
            assertThat(lab.code.checkProcessCode(p, S)).isFalse();
        });
    }

    @Test
    void false_forAProcessLoopingInABehaviourModuleWhoseCallbackIsOld() throws Exception {
        lab.inProcess(() -> {
            // given: a process looping in H that calls F.handle remotely per message (E4)
            loadFG(1);
            lab.loaded(H, H_SRC, 1);
            Pid p = Code.spawn(H, "behaviour", Proc.self());
            awaitTagged("entered", p);
            Proc.send(p, List.of("handle", 4, Proc.self()));
            assertThat(awaitTagged("handled", p).get(1)).isEqualTo(41);
            // when: F version 2 is loaded
            lab.loaded(F, F_SRC, 2);
            // then: waiting between messages it does not run F's old code, and its next callback is version 2's
            assertThat(lab.code.checkProcessCode(p, F)).isFalse();
            assertThat(lab.code.purge(F)).isFalse();
            Proc.send(p, List.of("handle", 4, Proc.self()));
            assertThat(awaitTagged("handled", p).get(1)).isEqualTo(42);
        });
    }

    @Test
    void false_whenThereIsNoOldCode_orTheProcessIsDead() throws Exception {
        lab.inProcess(() -> {
            // given: a process in version 1, the only version
            lab.loaded(S, Lab.server(S), 1);
            Pid p = spawnServer(S, 1);
            Ref ref = Proc.monitor(p);
            // then: no old code, so false; and false for a module never loaded
            assertThat(lab.code.checkProcessCode(p, S)).isFalse();
            assertThat(lab.code.checkProcessCode(p, "t.Nowhere")).isFalse();
            // when: version 2 loaded and the process stopped
            lab.loaded(S, Lab.server(S), 2);
            Proc.send(p, "stop");
            awaitDown(ref);
            // then
            assertThat(lab.code.checkProcessCode(p, S)).isFalse();
            assertThat(lab.code.softPurge(S)).isTrue();
        });
    }

    @Test
    void twoLoadsOfTheSameVsn_areToldApart() throws Exception {
        lab.inProcess(() -> {
            // given: version 1 loaded, a process in it; then the same version 1 loaded again
            ModuleVersion first = lab.loaded(S, Lab.server(S), 1);
            Pid inFirst = spawnServer(S, 1);
            ModuleVersion second = lab.loaded(S, Lab.server(S), 1);
            Pid inSecond = spawnServer(S, 1);
            // then: the two loads are distinct versions with distinct loader names
            assertThat(second).isNotSameAs(first);
            assertThat(second.vsn()).isEqualTo(first.vsn());
            assertThat(second.loaderName()).isNotEqualTo(first.loaderName());
            // and only the process in the old one runs old code
            assertThat(lab.code.checkProcessCode(inFirst, S)).isTrue();
            assertThat(lab.code.checkProcessCode(inSecond, S)).isFalse();
            // when: purged
            Ref r1 = Proc.monitor(inFirst);
            assertThat(lab.code.purge(S)).isTrue();
            // then: only the first is killed
            assertThat(awaitDown(r1).reason()).isEqualTo(Reason.KILLED);
            assertThat(Lab.ask(inSecond, "vsn")).isEqualTo(1);
        });
    }

    @Test
    void currentModule_isTheInnermostModuleVersionOnTheStack() throws Exception {
        lab.inProcess(() -> {
            // given: a process in F version 1's callOut, blocked in G version 1
            loadFG(1);
            Pid p = Code.spawn(F, "callOut", Proc.self());
            awaitTagged("blocked", p);
            // then
            assertThat(lab.code.currentModule(p)).map(ModuleVersion::name).contains(G);
            assertThat(lab.code.currentModule(Proc.self())).isEmpty();
            Proc.send(p, "go");
        });
    }
}
