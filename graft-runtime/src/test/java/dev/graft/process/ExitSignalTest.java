package dev.graft.process;

import static dev.graft.process.Procs.assertAnswers;
import static dev.graft.process.Procs.awaitDown;
import static dev.graft.process.Procs.awaitExit;
import static dev.graft.process.Procs.awaitMessage;
import static dev.graft.process.Procs.deadPid;
import static dev.graft.process.Procs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.graft.process.NodeExtension.CrashLog;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class ExitSignalTest {

    /** Spawns a process linked to the caller that throws {@code t} when told "go". */
    private static Pid spawnLinkedThrowing(Throwable t) {
        return Proc.spawnLink(() -> {
            awaitMessage("go");
            if (t instanceof Exception e) {
                throw e;
            }
            throw (Error) t;
        });
    }

    @Test
    void processWhoseFunctionThrows_diesWithThatThrowable_seenByLinksAndMonitors(Node node) throws Exception {
        run(node, () -> {
            // given
            Proc.trapExit(true);
            IllegalStateException boom = new IllegalStateException("boom");
            Pid child = spawnLinkedThrowing(boom);
            Ref ref = Proc.monitor(child);

            // when
            Proc.send(child, "go");

            // then
            assertThat(awaitExit(child).reason()).isSameAs(boom);
            assertThat(awaitDown(ref).reason()).isSameAs(boom);
        });
    }

    @Test
    void processWhoseFunctionThrowsACheckedException_diesWithIt(Node node) throws Exception {
        run(node, () -> {
            Proc.trapExit(true);
            IOException ioe = new IOException("disk");
            Pid child = spawnLinkedThrowing(ioe);
            Proc.send(child, "go");
            assertThat(awaitExit(child).reason()).isSameAs(ioe);
        });
    }

    @Test
    void processWhoseFunctionThrowsAnError_diesWithIt(Node node) throws Exception {
        run(node, () -> {
            Proc.trapExit(true);
            AssertionError error = new AssertionError("broken invariant");
            Pid child = spawnLinkedThrowing(error);
            Proc.send(child, "go");
            assertThat(awaitExit(child).reason()).isSameAs(error);
        });
    }

    @Test
    void moduleFunctionThatThrows_diesWithTheThrowableItself_notAReflectionWrapper(Node node) throws Exception {
        run(node, () -> {
            Spawned spawned = Proc.spawnMonitor(TestModule.class, "crash", "from a module");
            Object reason = awaitDown(spawned.ref()).reason();
            assertThat(reason).isExactlyInstanceOf(IllegalStateException.class);
            assertThat((Throwable) reason).hasMessage("from a module");
        });
    }

    @Test
    void crash_isLoggedWithTheThrowableAndThePid(Node node, CrashLog log) throws Exception {
        run(node, () -> {
            // given
            Proc.trapExit(true);
            IllegalStateException boom = new IllegalStateException("logged boom");
            Pid child = spawnLinkedThrowing(boom);

            // when
            Proc.send(child, "go");
            awaitExit(child);

            // then
            assertThat(log.records()).filteredOn(r -> r.getThrown() == boom).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(Level.SEVERE);
                assertThat(r.getLoggerName()).isEqualTo("dev.graft.process");
                assertThat(r.getMessage()).contains(child.toString());
            });
        });
    }

    @Test
    void exitWithAReason_isNotLoggedAsACrash(Node node, CrashLog log) throws Exception {
        run(node, () -> {
            // when
            Spawned spawned = Proc.spawnMonitor(() -> Proc.exit("planned"));

            // then
            assertThat(awaitDown(spawned.ref()).reason()).isEqualTo("planned");
            assertThat(log.records()).extracting(LogRecord::getMessage).noneMatch(m -> m.contains(spawned.pid().toString()));
        });
    }

    @Test
    void processKilledByASignal_isNotLoggedAsACrash(Node node, CrashLog log) throws Exception {
        run(node, () -> {
            // given
            Pid victim = Procs.spawnIdle();
            Ref ref = Proc.monitor(victim);

            // when
            Proc.exit(victim, new IllegalStateException("signal reason"));

            // then
            assertThat(awaitDown(ref).reason()).isInstanceOf(IllegalStateException.class);
            assertThat(log.records()).isEmpty();
        });
    }

    @Test
    void exitPid_abnormalReason_killsANonTrappingProcessWithThatReason(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid victim = Proc.spawn(Procs::echo);
            Ref ref = Proc.monitor(victim);

            // when
            Proc.exit(victim, "shutdown please");

            // then
            assertThat(awaitDown(ref).reason()).isEqualTo("shutdown please");
        });
    }

    @Test
    void exitPid_normal_isIgnoredByANonTrappingProcess(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid target = Proc.spawn(Procs::echo);

            // when
            Proc.exit(target, Reason.NORMAL);

            // then
            assertAnswers(target);
            assertThat(Proc.isAlive(target)).isTrue();
        });
    }

    @Test
    void exitPid_onSelfWithNormal_endsTheCallerWithNormal(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();

            // when
            Spawned spawned = Proc.spawnMonitor(() -> {
                Proc.exit(Proc.self(), Reason.NORMAL);
                Proc.send(parent, "still running");
            });

            // then
            assertThat(awaitDown(spawned.ref()).reason()).isEqualTo(Reason.NORMAL);
            assertThat(Proc.receive(0)).isNull();
        });
    }

    @Test
    void exitPid_onSelfWithAReason_endsTheCallerAtOnce(Node node) throws Exception {
        run(node, () -> {
            Pid parent = Proc.self();
            Spawned spawned = Proc.spawnMonitor(() -> {
                Proc.exit(Proc.self(), "self signal");
                Proc.send(parent, "still running");
            });
            assertThat(awaitDown(spawned.ref()).reason()).isEqualTo("self signal");
            assertThat(Proc.receive(0)).isNull();
        });
    }

    @Test
    void exitPid_deadProcess_isIgnored(Node node) throws Exception {
        run(node, () -> {
            Pid dead = deadPid();
            assertThatCode(() -> Proc.exit(dead, "too late")).doesNotThrowAnyException();
            assertThatCode(() -> Proc.exit(dead, Reason.KILL)).doesNotThrowAnyException();
        });
    }

    @Test
    void exitOwn_canBeCaught_andTheProcessGoesOn(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();

            // when
            Spawned spawned = Proc.spawnMonitor(() -> {
                try {
                    Proc.exit("changed my mind");
                } catch (ProcessExit e) {
                    Proc.send(parent, e.reason());
                }
            });

            // then
            assertThat(Proc.receive(String.class)).isEqualTo("changed my mind");
            assertThat(awaitDown(spawned.ref()).reason()).isEqualTo(Reason.NORMAL);
        });
    }

    @Test
    void exitSignal_caughtByTheVictim_stillEndsItWithTheSignalsReason(Node node) throws Exception {
        run(node, () -> {
            // given: a victim that catches its ProcessExit and returns normally
            Pid parent = Proc.self();
            Pid victim = Proc.spawn(() -> {
                try {
                    Proc.send(parent, "ready");
                    Procs.idle();
                } catch (ProcessExit e) {
                    // swallowed
                }
            });
            awaitMessage("ready");
            Ref ref = Proc.monitor(victim);

            // when
            Proc.exit(victim, "no escape");

            // then
            assertThat(awaitDown(ref).reason()).isEqualTo("no escape");
        });
    }

    @Test
    void exitSignal_anyObjectIsAReason_andReachesLinksAsItIs(Node node) throws Exception {
        run(node, () -> {
            // given
            record Custom(int code) {}
            Custom reason = new Custom(42);
            Proc.trapExit(true);
            Pid middle = Proc.spawnLink(Procs::echo);

            // when
            Proc.exit(middle, reason);

            // then
            assertThat(awaitExit(middle).reason()).isSameAs(reason);
        });
    }
}
