package dev.graft.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.behaviour.GenServer;
import dev.graft.process.Node;
import dev.graft.process.NodeExtension;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import dev.graft.process.Spawned;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Decision 6: the code change of many servers as one transaction, committed by one write. */
@ExtendWith(NodeExtension.class)
class CodeChangeBatchTest {

    private static List<Pid> counters(int n) {
        List<Pid> pids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Pid p = GenServer.start(SysTest.Counter.class, null).pid();
            for (int j = 0; j < i; j++) {
                GenServer.call(p, "inc");
            }
            pids.add(p);
        }
        return pids;
    }

    @Test
    void aCommittedBatch_givesEveryServerItsNewState(Node node) throws Exception {
        node.runProcess(() -> {
            // given servers with states 0, 1, 2
            List<Pid> servers = counters(3);
            // when a batch prepares and commits
            CodeChangeBatch batch = CodeChangeBatch.prepare(servers, null, "1", null, 5000);
            batch.commit();
            // then each runs codeChange's state (×100)
            assertThat(servers).extracting(Sys::getState).containsExactly(0, 100, 200);
            servers.forEach(GenServer::stop);
            return null;
        });
    }

    @Test
    void whilePrepared_callsWait_andAreAnsweredAfterTheCommit_withTheNewState(Node node) throws Exception {
        node.runProcess(() -> {
            Pid server = counters(2).get(1);
            CodeChangeBatch batch = CodeChangeBatch.prepare(List.of(server), null, "1", null, 5000);
            // a client calls the prepared server: it is held, not failed
            Pid self = Proc.self();
            Spawned client = Proc.spawnMonitor(() -> Proc.send(self, GenServer.<Integer>call(server, "inc")));
            assertThat(Proc.receive(Integer.class, 100)).as("no answer while held").isNull();
            // when the batch commits, the call is answered from the new state
            batch.commit();
            assertThat(Proc.receive(Integer.class, 5000)).isEqualTo(101);
            Proc.receive(m -> m instanceof dev.graft.process.Down d && d.ref() == client.ref());
            GenServer.stop(server);
            return null;
        });
    }

    @Test
    void anAbortedBatch_leavesEveryServerAsItWas(Node node) throws Exception {
        node.runProcess(() -> {
            List<Pid> servers = counters(3);
            CodeChangeBatch batch = CodeChangeBatch.prepare(servers, null, "1", null, 5000);
            batch.abort();
            assertThat(servers).extracting(p -> GenServer.<Integer>call(p, "inc")).containsExactly(1, 2, 3);
            servers.forEach(GenServer::stop);
            return null;
        });
    }

    @Test
    void oneFailingCodeChange_abortsTheBatch_andNamesTheProcessAndTheCause(Node node) throws Exception {
        node.runProcess(() -> {
            // given servers with states 0..4, where codeChange refuses the state 3
            List<Pid> servers = counters(5);
            // when a batch prepares
            assertThatThrownBy(() -> CodeChangeBatch.prepare(servers, null, "1", 3, 5000))
                    .isInstanceOfSatisfying(CodeChangeException.class, e -> {
                        @SuppressWarnings("unchecked") Map<Pid, Object> failures = (Map<Pid, Object>) e.reason();
                        assertThat(failures).containsOnlyKeys(servers.get(3));
                        assertThat((Throwable) failures.get(servers.get(3))).hasMessage("refused by codeChange");
                    });
            // then every server runs on with its old state
            assertThat(servers).extracting(p -> GenServer.<Integer>call(p, "inc")).containsExactly(1, 2, 3, 4, 5);
            assertThat(servers).extracting(p -> Sys.getStatus(p).sysState()).containsOnly(SysState.RUNNING);
            servers.forEach(GenServer::stop);
            return null;
        });
    }

    @Test
    void aServerThatDies_isLeftOut(Node node) throws Exception {
        node.runProcess(() -> {
            List<Pid> servers = counters(2);
            Ref m = Proc.monitor(servers.get(0));
            Proc.exit(servers.get(0), Reason.KILL);
            Proc.receive(x -> x instanceof dev.graft.process.Down d && d.ref() == m);
            CodeChangeBatch batch = CodeChangeBatch.prepare(servers, null, "1", null, 5000);
            batch.commit();
            assertThat(Sys.getState(servers.get(1))).isEqualTo(100);
            GenServer.stop(servers.get(1));
            return null;
        });
    }

    @Test
    void aServerThatDoesNotAnswerInTime_abortsTheBatch(Node node) throws Exception {
        node.runProcess(() -> {
            List<Pid> servers = counters(2);
            Sys.suspend(servers.get(0));
            Proc.suspendProcess(servers.get(0)); // a process that takes no message at all
            assertThatThrownBy(() -> CodeChangeBatch.prepare(servers, null, "1", null, 100))
                    .isInstanceOfSatisfying(CodeChangeException.class,
                            e -> assertThat(List.copyOf(((Map<?, ?>) e.reason()).keySet())).isEqualTo(List.of(servers.get(0))));
            Proc.resumeProcess(servers.get(0));
            Sys.resume(servers.get(0));
            assertThat(GenServer.<Integer>call(servers.get(1), "inc")).isEqualTo(2);
            servers.forEach(GenServer::stop);
            return null;
        });
    }

    @Test
    void aCodeChangeThatMakesARuntimeCall_runsInTheServersOwnProcess_onItsState(Node node) throws Exception {
        node.runProcess(() -> {
            // given a server whose codeChange sends its pid to the test once per run (only its process can send)
            Pid test = Proc.self();
            Pid server = GenServer.start(Meddling.class, (Runnable) () -> Proc.send(test, Proc.self())).pid();
            GenServer.call(server, "inc");
            // when a batch prepares: the codeChange needs the process, so it runs there, then the batch seals
            CodeChangeBatch batch = CodeChangeBatch.prepare(List.of(server), null, "1", null, 5000);
            batch.commit();
            // then it ran once, in the server's own process, and changed its state
            assertThat(Proc.receive(Pid.class, 5000)).isEqualTo(server);
            assertThat(((Object[]) Sys.getState(server))[1]).isEqualTo(100);
            GenServer.stop(server);
            return null;
        });
    }

    @Test
    void idleServers_installTheirChangeAtTheirNextMessage_andMessagesDuringThePrepareAreHandledInOrder(Node node)
            throws Exception {
        node.runProcess(() -> {
            List<Pid> servers = counters(50);
            CodeChangeBatch batch = CodeChangeBatch.prepare(servers, null, "1", null, 5000);
            batch.commit();
            // every idle server answers from its changed state at its next call, in order
            for (int i = 0; i < servers.size(); i++) {
                assertThat(GenServer.<Integer>call(servers.get(i), "inc")).isEqualTo(i * 100 + 1);
                assertThat(GenServer.<Integer>call(servers.get(i), "inc")).isEqualTo(i * 100 + 2);
            }
            servers.forEach(GenServer::stop);
            return null;
        });
    }

    @Test
    void aProcessInAnotherBatchsUndecidedChange_refusesASecondOne_andKeepsTheFirst(Node node) throws Exception {
        node.runProcess(() -> {
            Pid server = counters(2).get(1);
            CodeChangeBatch first = CodeChangeBatch.prepare(List.of(server), null, "1", null, 5000);
            assertThatThrownBy(() -> CodeChangeBatch.prepare(List.of(server), null, "1", null, 5000))
                    .isInstanceOfSatisfying(CodeChangeException.class, e -> assertThat(((Map<?, ?>) e.reason()).get(server))
                            .isEqualTo(new CodeChangeBatch.InAnotherBatch(first)));
            first.commit();
            assertThat(Sys.getState(server)).isEqualTo(100);
            GenServer.stop(server);
            return null;
        });
    }

    @Test
    void aChangeThatWentStale_andFailsOnItsNewState_abortsTheBatch_leavingEveryServerAsItWas(Node node) throws Exception {
        node.runProcess(() -> {
            // given counters with states 0, 1, 2, and a server whose codeChange calls the third
            // after that one has prepared, so the third's change goes stale: state 3, which
            // codeChange refuses (extra = 3)
            List<Pid> servers = new ArrayList<>(counters(3));
            Pid third = servers.get(2);
            servers.add(GenServer.start(Meddling.class, (Runnable) () -> GenServer.call(third, "inc")).pid());

            // when a batch prepares: the first round succeeds, the last round re-prepares the third
            assertThatThrownBy(() -> CodeChangeBatch.prepare(servers, null, "1", 3, 5000))
                    .isInstanceOfSatisfying(CodeChangeException.class, e -> {
                        @SuppressWarnings("unchecked") Map<Pid, Object> failures = (Map<Pid, Object>) e.reason();
                        assertThat(failures).containsOnlyKeys(third);
                        assertThat((Throwable) failures.get(third)).hasMessage("refused by codeChange");
                    });

            // then every server runs on with its old state and code, the stale one on its latest state
            assertThat(servers.subList(0, 3)).extracting(p -> GenServer.<Integer>call(p, "inc")).containsExactly(1, 2, 4);
            assertThat(GenServer.<Integer>call(servers.get(3), "inc")).isEqualTo(1);
            assertThat(servers).extracting(p -> Sys.getStatus(p).sysState()).containsOnly(SysState.RUNNING);
            servers.forEach(GenServer::stop);
            return null;
        });
    }

    @Test
    void aServerThatDiesAfterPreparing_isLeftOut_andTheOthersCommit(Node node) throws Exception {
        node.runProcess(() -> {
            // given counters with states 0, 1, 2, and a server whose codeChange kills the first,
            // after that one has prepared
            List<Pid> servers = new ArrayList<>(counters(3));
            Pid first = servers.getFirst();
            Ref down = Proc.monitor(first);
            servers.add(GenServer.start(Meddling.class, (Runnable) () -> Proc.exit(first, Reason.KILL)).pid());

            // when a batch prepares and commits
            CodeChangeBatch batch = CodeChangeBatch.prepare(servers, null, "1", null, 5000);
            batch.commit();

            // then the first is gone, and the others run their new states
            assertThat(Proc.receive(m -> m instanceof dev.graft.process.Down d && d.ref() == down, 5000)).isNotNull();
            assertThat(servers.subList(1, 3)).extracting(Sys::getState).containsExactly(100, 200);
            assertThat(((Object[]) Sys.getState(servers.get(3)))[1]).isEqualTo(0);
            servers.subList(1, 4).forEach(GenServer::stop);
            return null;
        });
    }

    /**
     * A counter whose codeChange first runs the meddling given at init (a runtime call, so it
     * prepares in its own process, after the servers before it in the batch have prepared).
     */
    public static final class Meddling implements GenServer<Object[]> {
        @Override
        public Init<Object[]> init(Object meddling) {
            return Init.ok(new Object[] {meddling, 0});
        }

        @Override
        public CallResult<Object[]> handleCall(Object request, dev.graft.gen.From from, Object[] s) {
            int n = (Integer) s[1] + 1;
            return new Reply<>(n, new Object[] {s[0], n});
        }

        @Override
        public Object[] codeChange(Object oldVsn, Object state, Object extra) {
            Object[] s = (Object[]) state;
            ((Runnable) s[0]).run();
            return new Object[] {s[0], (Integer) s[1] * 100};
        }
    }
}
