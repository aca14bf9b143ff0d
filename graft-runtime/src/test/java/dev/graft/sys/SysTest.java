package dev.graft.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.behaviour.GenServer;
import dev.graft.gen.CallFailed;
import dev.graft.gen.From;
import dev.graft.gen.Gen;
import dev.graft.process.Down;
import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.ProcessExit;
import dev.graft.process.Ref;
import dev.graft.term.Atom;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sys protocol on a GenServer: reference §3, and the E2 experiment it cites. */
@ExtendWith(NodeExtension.class)
class SysTest {

    /** A request that holds the counter busy: it opens {@code entered}, then waits for {@code gate}. */
    record Block(CountDownLatch entered, CountDownLatch gate) {}

    /** A counter; "inc" by call or cast; a {@link Block} keeps it busy. */
    public static final class Counter implements GenServer<Integer> {
        @Override
        public Init<Integer> init(Object args) {
            return Init.ok(0);
        }

        @Override
        public CallResult<Integer> handleCall(Object request, From from, Integer n) {
            if (request instanceof Block(CountDownLatch entered, CountDownLatch gate)) {
                entered.countDown();
                await(gate);
                return new Reply<>("waited", n);
            }
            return new Reply<>(n + 1, n + 1);
        }

        @Override
        public Result<Integer> handleCast(Object request, Integer n) {
            return new NoReply<>(n + 1);
        }

        @Override
        public Result<Integer> handleInfo(Object info, Integer n) {
            return new NoReply<>(n + 1);
        }

        @Override
        public Integer codeChange(Object oldVsn, Object state, Object extra) {
            if ("fail".equals(extra) || extra instanceof Integer failing && failing.equals(state)) {
                throw new IllegalStateException("refused by codeChange");
            }
            if ("refuse".equals(extra)) {
                throw new CodeChangeException(Atom.of("not_this_one"));
            }
            return (Integer) state * 100;
        }

        @Override
        public Object formatStatus(Integer n) {
            return "count=" + n;
        }

        private static void await(CountDownLatch gate) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Pid startCounter() {
        return GenServer.start(Counter.class, null).pid();
    }

    @Test
    void whileSuspended_callsCastsAndMessagesWait_andAreHandledInOrderAfterResume(Node node) throws Exception {
        node.runProcess(() -> {
            // given a suspended counter (E2)
            Pid counter = startCounter();
            Sys.suspend(counter);
            // when a call times out, and a cast and a plain message arrive
            assertThatThrownBy(() -> GenServer.call(counter, "inc", 50)).isInstanceOf(ProcessExit.class);
            GenServer.cast(counter, "inc");
            Proc.send(counter, "info");
            // then nothing was handled while suspended
            assertThat(Sys.getState(counter)).isEqualTo(0);
            assertThat(Sys.getStatus(counter).sysState()).isEqualTo(SysState.SUSPENDED);
            // and all three are handled after resume, the timed-out call too
            Sys.resume(counter);
            assertThat(GenServer.<Integer>call(counter, "inc")).isEqualTo(4);
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void suspendAndResume_areIdempotent(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = startCounter();
            Sys.suspend(counter);
            Sys.suspend(counter);
            Sys.resume(counter);
            Sys.resume(counter);
            assertThat(GenServer.<Integer>call(counter, "inc")).isEqualTo(1);
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void changeCode_onARunningProcess_isUnknownSystemMessage(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = startCounter();
            assertThatThrownBy(() -> Sys.changeCode(counter, "Counter", "1", null))
                    .isInstanceOfSatisfying(CodeChangeException.class, e -> assertThat(e.reason()).isEqualTo(
                            new UnknownSystemMessage(new SystemRequest.ChangeCode("Counter", "1", null))));
            assertThat(Sys.getStatus(counter).sysState()).isEqualTo(SysState.RUNNING);
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void changeCode_whileSuspended_runsCodeChange_andLeavesTheProcessSuspended(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = startCounter();
            GenServer.call(counter, "inc");
            Sys.suspend(counter);
            Sys.changeCode(counter, "Counter", "1", null);
            assertThat(Sys.getState(counter)).isEqualTo(100);
            assertThat(Sys.getStatus(counter).sysState()).isEqualTo(SysState.SUSPENDED);
            Sys.resume(counter);
            assertThat(GenServer.<Integer>call(counter, "inc")).isEqualTo(101);
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void aFailingCodeChange_isAnError_theStateStays_andTheProcessStaysSuspended(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = startCounter();
            GenServer.call(counter, "inc");
            Sys.suspend(counter);
            assertThatThrownBy(() -> Sys.changeCode(counter, "Counter", "1", "fail"))
                    .isInstanceOfSatisfying(CodeChangeException.class, e -> assertThat((Throwable) e.reason())
                            .isInstanceOf(IllegalStateException.class).hasMessage("refused by codeChange"));
            assertThat(Sys.getState(counter)).isEqualTo(1);
            assertThat(Sys.getStatus(counter).sysState()).isEqualTo(SysState.SUSPENDED);
            assertThat(Proc.isAlive(counter)).isTrue();
            Sys.resume(counter);
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void aCodeChangeThatRefusesWithAReason_failsWithThatReason(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = startCounter();
            Sys.suspend(counter);
            assertThatThrownBy(() -> Sys.changeCode(counter, "Counter", "1", "refuse"))
                    .isInstanceOfSatisfying(CodeChangeException.class, e -> assertThat(e.reason()).isEqualTo(Atom.of("not_this_one")));
            assertThat(Sys.getState(counter)).isEqualTo(0);
            Sys.resume(counter);
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void aSuspendThatTimesOut_exitsTheCaller_andStillTakesEffect(Node node) throws Exception {
        node.runProcess(() -> {
            // given a counter busy with a call that waits for a latch
            Pid counter = startCounter();
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch gate = new CountDownLatch(1);
            Pid busy = Proc.spawn(() -> GenServer.call(counter, new Block(entered, gate)));
            Ref busyDone = Proc.monitor(busy);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            // when a suspend gives up after 100 ms
            assertThatThrownBy(() -> Sys.suspend(counter, 100))
                    .isInstanceOfSatisfying(ProcessExit.class, e -> assertThat(e.reason())
                            .isEqualTo(new CallFailed(Gen.TIMEOUT, "sys", "suspend", List.of(counter, 100L))));
            // then, once the counter is free, the suspend is done all the same
            gate.countDown();
            Proc.receive(m -> m instanceof Down d && d.ref() == busyDone);
            assertThat(Sys.getStatus(counter).sysState()).isEqualTo(SysState.SUSPENDED);
            Sys.resume(counter);
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void getStateAndReplaceState_workRunningAndSuspended(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = startCounter();
            assertThat(Sys.replaceState(counter, n -> (Integer) n + 10)).isEqualTo(10);
            Sys.suspend(counter);
            assertThat(Sys.replaceState(counter, n -> (Integer) n + 10)).isEqualTo(20);
            assertThat(Sys.getState(counter)).isEqualTo(20);
            Sys.resume(counter);
            assertThat(GenServer.<Integer>call(counter, "inc")).isEqualTo(21);
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void aReplaceStateFunctionThatThrows_exitsTheCallerWithCallbackFailed_andTheStateStays(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = startCounter();
            assertThatThrownBy(() -> Sys.replaceState(counter, n -> {
                throw new IllegalArgumentException("x");
            })).isInstanceOfSatisfying(ProcessExit.class, e -> assertThat(e.reason()).isInstanceOf(CallbackFailed.class));
            assertThat(Sys.getState(counter)).isEqualTo(0);
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void getStatus_namesTheModuleTheParentAndTheFormattedState(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = GenServer.startLink(Counter.class, null).pid();
            Status status = Sys.getStatus(counter);
            assertThat(status).isEqualTo(new Status(counter, Counter.class.getName(), SysState.RUNNING, Proc.self(), "count=0"));
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void terminate_endsASuspendedProcess(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = startCounter();
            Ref m = Proc.monitor(counter);
            Sys.suspend(counter);
            Sys.terminate(counter, Atom.of("bye"));
            assertThat(Proc.receive(Down.class, 5000).reason()).isEqualTo(Atom.of("bye"));
            return null;
        });
    }

    @Test
    void aProcessThatReadsNoSystemMessages_makesEveryCallTimeOut(Node node) throws Exception {
        node.runProcess(() -> {
            Pid plain = Proc.spawn(() -> Proc.receive(m -> m.equals("never")));
            assertThatThrownBy(() -> Sys.getState(plain, 100))
                    .isInstanceOfSatisfying(ProcessExit.class, e -> assertThat(e.reason())
                            .isEqualTo(new CallFailed(Gen.TIMEOUT, "sys", "get_state", List.of(plain, 100L))));
            Proc.exit(plain, Atom.of("kill"));
            return null;
        });
    }
}
