package dev.graft.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.gen.CallFailed;
import dev.graft.gen.From;
import dev.graft.gen.Gen;
import dev.graft.process.Down;
import dev.graft.process.Exit;
import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.ProcessExit;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import dev.graft.term.Atom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** gen_server's contract: start, call, cast, info, reply, timeouts and termination. */
@ExtendWith(NodeExtension.class)
class GenServerTest {

    /** A counter whose requests say what to do; its messages go to an observer. */
    public static final class Counter implements GenServer<Counter.State> {
        public record State(int n, Pid observer) {}

        @Override
        public Init<State> init(Object args) {
            return switch (args) {
                case String r when r.equals("ignore") -> Init.ignore();
                case String r when r.equals("stop") -> Init.stop(Atom.of("no_way"));
                case String r when r.equals("throw") -> throw new IllegalStateException("init failed");
                case Pid observer -> Init.ok(new State(0, observer));
                case null, default -> Init.ok(new State(0, null));
            };
        }

        @Override
        public CallResult<State> handleCall(Object request, From from, State s) {
            return switch (request) {
                case String r when r.equals("get") -> new Reply<>(s.n, s);
                case String r when r.equals("inc") -> new Reply<>(s.n + 1, new State(s.n + 1, s.observer));
                case String r when r.equals("later") -> {
                    Proc.spawn(() -> GenServer.reply(from, "answered by " + Proc.self()));
                    yield new NoReply<>(s);
                }
                case String r when r.equals("stop") -> new StopReply<>(Reason.NORMAL, "bye", s);
                case String r when r.equals("boom") -> throw new IllegalArgumentException("boom");
                case Long sleep -> {
                    Proc.sleep(sleep);
                    yield new Reply<>("slept", s);
                }
                default -> new Reply<>(List.of("unknown", request), s);
            };
        }

        @Override
        public Result<State> handleCast(Object request, State s) {
            return switch (request) {
                case String r when r.equals("inc") -> new NoReply<>(new State(s.n + 1, s.observer));
                case String r when r.equals("stop") -> new Stop<>(Atom.of("cast_stop"), s);
                case Long idle -> new NoReply<>(s, idle);
                default -> new NoReply<>(s);
            };
        }

        @Override
        public Result<State> handleInfo(Object info, State s) {
            if (s.observer != null) {
                Proc.send(s.observer, List.of("info", info, s.n));
            }
            return new NoReply<>(s);
        }

        @Override
        public void terminate(Object reason, State s) {
            if (s.observer != null) {
                Proc.send(s.observer, List.of("terminate", reason, s.n));
            }
        }
    }

    @Test
    void callsAndCasts_changeTheStateInOrder(Node node) throws Exception {
        node.runProcess(() -> {
            // given a started counter
            Pid counter = GenServer.start(Counter.class, null).pid();
            // when it is called and cast to
            int first = GenServer.call(counter, "inc");
            GenServer.cast(counter, "inc");
            GenServer.cast(counter, "inc");
            int now = GenServer.call(counter, "get");
            // then each request saw the state the one before left
            assertThat(first).isEqualTo(1);
            assertThat(now).isEqualTo(3);
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void otherMessages_goToHandleInfo(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = GenServer.start(Counter.class, Proc.self()).pid();
            GenServer.cast(counter, "inc");
            Proc.send(counter, "hello");
            assertThat(Proc.receive(5000)).isEqualTo(List.of("info", "hello", 1));
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void initIgnore_startsNothing_andInitStop_exitsWithTheReason(Node node) throws Exception {
        node.runProcess(() -> {
            assertThat(GenServer.start(Counter.class, "ignore")).isEqualTo(new StartResult.Ignore());
            assertThat(GenServer.start(Counter.class, "stop")).isEqualTo(new StartResult.Error(Atom.of("no_way")));
            // a linked starter that traps exits also gets the exit signal, as in OTP 25
            Proc.trapExit(true);
            StartResult linked = GenServer.startLink(Counter.class, "stop");
            assertThat(linked).isEqualTo(new StartResult.Error(Atom.of("no_way")));
            assertThat(Proc.receive(Exit.class, 5000).reason()).isEqualTo(Atom.of("no_way"));
            return null;
        });
    }

    @Test
    void initThatThrows_isAnErrorWithTheException(Node node) throws Exception {
        node.runProcess(() -> {
            StartResult r = GenServer.start(Counter.class, "throw");
            assertThat(r).isInstanceOfSatisfying(StartResult.Error.class,
                    e -> assertThat((Throwable) e.reason()).isInstanceOf(IllegalStateException.class).hasMessage("init failed"));
            assertThatThrownBy(r::pid).isInstanceOf(StartException.class).hasMessageContaining("init failed");
            return null;
        });
    }

    @Test
    void aRegisteredServer_isCalledByName_andASecondStartIsAlreadyStarted(Node node) throws Exception {
        node.runProcess(() -> {
            Pid first = GenServer.start("counter", Counter.class, null).pid();
            assertThat(GenServer.<Integer>call("counter", "inc")).isEqualTo(1);
            assertThat(GenServer.start("counter", Counter.class, null))
                    .isEqualTo(new StartResult.Error(new StartResult.AlreadyStarted(first)));
            GenServer.stop("counter");
            assertThat(Proc.whereis("counter")).isEmpty();
            return null;
        });
    }

    @Test
    void aCallThatTimesOut_exitsTheCaller_andTheLateReplyIsDropped(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = GenServer.start(Counter.class, null).pid();
            // when a call waits 50 ms for a server that takes 300
            assertThatThrownBy(() -> GenServer.call(counter, 300L, 50))
                    .isInstanceOfSatisfying(ProcessExit.class, e -> assertThat(e.reason())
                            .isEqualTo(new CallFailed(Gen.TIMEOUT, "gen_server", "call", List.of(counter, 300L, 50L))));
            // then the server's reply, sent after the caller gave up, never reaches its mailbox
            assertThat(GenServer.<Integer>call(counter, "get")).isZero();
            assertThat(Proc.receive(0)).isNull();
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void callingANameThatIsNotRegistered_exitsWithNoproc(Node node) throws Exception {
        node.runProcess(() -> {
            assertThatThrownBy(() -> GenServer.call("nobody", "get"))
                    .isInstanceOfSatisfying(ProcessExit.class, e -> assertThat(e.reason())
                            .isEqualTo(new CallFailed(Reason.NOPROC, "gen_server", "call", List.of("nobody", "get"))));
            return null;
        });
    }

    @Test
    void aServerThatCrashesInACall_exitsTheCallerWithItsReason_afterTerminate(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = GenServer.start(Counter.class, Proc.self()).pid();
            assertThatThrownBy(() -> GenServer.call(counter, "boom"))
                    .isInstanceOfSatisfying(ProcessExit.class, e -> assertThat(((CallFailed) e.reason()).reason())
                            .isInstanceOf(IllegalArgumentException.class));
            List<?> terminate = (List<?>) Proc.receive(5000);
            assertThat(terminate.get(0)).isEqualTo("terminate");
            assertThat(terminate.get(1)).isInstanceOf(IllegalArgumentException.class);
            return null;
        });
    }

    @Test
    void callingItself_exitsWithCallingSelf(Node node) throws Exception {
        node.runProcess(() -> {
            assertThatThrownBy(() -> GenServer.call(Proc.self(), "get"))
                    .isInstanceOfSatisfying(ProcessExit.class, e -> assertThat(((CallFailed) e.reason()).reason())
                            .isEqualTo(Gen.CALLING_SELF));
            return null;
        });
    }

    @Test
    void aNoReply_isAnsweredLaterByAnotherProcess(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = GenServer.start(Counter.class, null).pid();
            String answer = GenServer.call(counter, "later");
            assertThat(answer).startsWith("answered by <");
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void stopReply_answersThenTerminates(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = GenServer.start(Counter.class, Proc.self()).pid();
            Ref m = Proc.monitor(counter);
            assertThat(GenServer.<String>call(counter, "stop")).isEqualTo("bye");
            assertThat(Proc.receive(5000)).isEqualTo(List.of("terminate", Reason.NORMAL, 0));
            assertThat(Proc.receive(Down.class, 5000)).isEqualTo(new Down(m, counter, Reason.NORMAL));
            return null;
        });
    }

    @Test
    void aCastThatStops_terminatesWithItsReason(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = GenServer.start(Counter.class, Proc.self()).pid();
            Ref m = Proc.monitor(counter);
            GenServer.cast(counter, "stop");
            assertThat(Proc.receive(5000)).isEqualTo(List.of("terminate", Atom.of("cast_stop"), 0));
            assertThat(Proc.receive(Down.class, 5000).reason()).isEqualTo(Atom.of("cast_stop"));
            return null;
        });
    }

    @Test
    void anIdleTimeout_sendsTimeoutToHandleInfo(Node node) throws Exception {
        node.runProcess(() -> {
            Pid counter = GenServer.start(Counter.class, Proc.self()).pid();
            GenServer.cast(counter, 20L);
            assertThat(Proc.receive(5000)).isEqualTo(List.of("info", GenServer.TIMEOUT, 0));
            GenServer.stop(counter);
            return null;
        });
    }

    @Test
    void aParentsExit_terminatesAServerThatTrapsExits(Node node) throws Exception {
        node.runProcess(() -> {
            Pid observer = Proc.self();
            List<Object> got = new ArrayList<>();
            Pid parent = Proc.spawn(() -> {
                Pid server = GenServer.startLink(TrappingCounter.class, observer).pid();
                Proc.send(observer, server);
                Proc.receive();
            });
            Pid server = Proc.receive(Pid.class, 5000);
            Ref m = Proc.monitor(server);
            Proc.exit(parent, Atom.of("going"));
            got.add(Proc.receive(5000));
            got.add(Proc.receive(Down.class, 5000).reason());
            assertThat(got).containsExactly(List.of("terminate", Atom.of("going"), 0), Atom.of("going"));
            return null;
        });
    }

    /** A counter that traps exits, so that its parent's exit runs its terminate. */
    public static final class TrappingCounter implements GenServer<Counter.State> {
        private final Counter counter = new Counter();

        @Override
        public Init<Counter.State> init(Object args) {
            Proc.trapExit(true);
            return counter.init(args);
        }

        @Override
        public void terminate(Object reason, Counter.State s) {
            counter.terminate(reason, s);
        }
    }

    @Test
    void theBehaviourIndex_listsTheServersOfACallbackModule_whileTheyRun(Node node) throws Exception {
        node.runProcess(() -> {
            Pid a = GenServer.start(Counter.class, null).pid();
            Pid b = GenServer.start(Counter.class, null).pid();
            BehaviourIndex index = BehaviourIndex.of(node);
            assertThat(index.running(Counter.class.getName())).containsExactlyInAnyOrder(a, b);
            GenServer.stop(a);
            assertThat(index.running(Counter.class.getName())).containsExactly(b);
            Ref m = Proc.monitor(b);
            Proc.exit(b, Reason.KILL);
            Proc.receive(x -> x instanceof Down d && d.ref() == m);
            assertThat(index.running(Counter.class.getName())).isEmpty();
            return null;
        });
    }

    @Test
    void callsFromOutsideAnyProcess_reachAServerByPid(Node node) throws Exception {
        Pid counter = node.runProcess(() -> GenServer.start(Counter.class, null).pid());
        assertThat(GenServer.<Integer>call(counter, "inc")).isEqualTo(1);
        GenServer.stop(counter);
        assertThat(node.whereis("counter")).isEmpty();
    }
}
