package dev.graft.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.graft.code.Lab;
import dev.graft.code.ModuleVersion;
import dev.graft.process.Down;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import dev.graft.sys.CodeChangeBatch;
import dev.graft.sys.CodeChangeException;
import dev.graft.sys.Sys;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GenServer whose callback module is loaded, in versions: reference §1.4 (behaviour
 * processes take new code at the next message), §3.3 (change_code) and DESIGN decision 5 (the
 * state crosses versions structurally).
 */
class GenServerCodeChangeTest {
    private static final String MODULE = "shop.Till";

    /**
     * A till: {@code State(String owner, int total)} in v1; v2 has the same shape; v3 renames
     * {@code total} to {@code amount} with an explicit codeChange, refusing negative totals.
     * Every reply says which version made it. {@code ["hold", pid]} makes it tell
     * {@code pid} "holding" and wait, inside a callback, for a {@code "go"} message.
     */
    private static String till(int vsn) {
        String state = vsn < 3 ? "public record State(String owner, int total) {}"
                : """
                  public record State(String owner, int amount) {}
                  record Old(String owner, int total) {}

                  @Override
                  public State codeChange(Object oldVsn, Object old, Object extra) {
                      Old o = dev.graft.migrate.Migration.convert(old, Old.class);
                      if (o.total() < 0) {
                          throw new IllegalStateException("negative total " + o.total());
                      }
                      return new State(o.owner(), o.total());
                  }
                  """;
        String total = vsn < 3 ? "total" : "amount";
        return """
                package shop;

                import dev.graft.behaviour.GenServer;
                import dev.graft.gen.From;
                import dev.graft.process.Proc;
                import java.util.List;

                @dev.graft.code.Vsn("$V")
                public final class Till implements GenServer<Till.State> {
                    STATE

                    record Add(int amount) {}

                    record Show() {}

                    public static Show show() {
                        return new Show();
                    }

                    public static Add add(int amount) {
                        return new Add(amount);
                    }

                    @Override
                    public Init<State> init(Object owner) {
                        return Init.ok(new State((String) owner, 0));
                    }

                    @Override
                    public CallResult<State> handleCall(Object request, From from, State s) {
                        if (request instanceof Add(int amount)) {
                            State next = new State(s.owner(), s.TOTAL() + amount);
                            return new Reply<>(List.of("v$V", next.TOTAL()), next);
                        }
                        if (request instanceof Show) {
                            return new Reply<>(s, s);
                        }
                        if (request instanceof List<?> l && "hold".equals(l.get(0))) {
                            Proc.send((dev.graft.process.Pid) l.get(1), "holding");
                            Proc.receive(m -> "go".equals(m));
                        }
                        return new Reply<>(List.of("v$V", s.TOTAL()), s);
                    }
                }
                """.replace("STATE", state).replace("TOTAL", total);
    }

    @TempDir
    Path dir;
    Lab lab;

    @BeforeEach
    void startLab() {
        lab = new Lab(dir);
    }

    @AfterEach
    void stopLab() {
        lab.close();
    }

    /** Starts a till of version 1, loading version 1 first if it is not loaded. */
    private Pid startTill() throws Exception {
        ModuleVersion v1 = lab.code.isLoaded(MODULE).isPresent() ? lab.code.isLoaded(MODULE).orElseThrow()
                : lab.loaded(MODULE, till(1), 1);
        return lab.run(() -> GenServer.start((Class) v1.moduleClass(), "ann").pid());
    }

    private List<?> call(Pid till, Object request) {
        return GenServer.call(till, request);
    }

    private Object add(int amount) throws Exception {
        return lab.code.apply(MODULE, "add", amount);
    }

    @Test
    void aNewVersion_handlesTheNextMessage_withTheStateMigratedByShape() throws Exception {
        // given a till of version 1 holding 5
        Pid till = startTill();
        assertThat(call(till, add(5))).isEqualTo(List.of("v1", 5));
        // when version 2 is loaded, without any code change
        lab.loaded(MODULE, till(2), 2);
        // then the next message is handled by version 2, with the state it had
        assertThat(call(till, "total")).isEqualTo(List.of("v2", 5));
        assertThat(Sys.getState(till).getClass().getClassLoader().getName()).isEqualTo(MODULE + "@2");
        GenServer.stop(till);
    }

    @Test
    void anOldVersionsMessage_isConvertedWhenTheServerTakesIt() throws Exception {
        Pid till = startTill();
        Object oldAdd = add(3); // made by version 1's code
        lab.loaded(MODULE, till(2), 2);
        assertThat(call(till, oldAdd)).isEqualTo(List.of("v2", 3));
        GenServer.stop(till);
    }

    @Test
    void aReplyOfTheNewVersion_reachesACallerOfTheOldOne_asTheOldVersionsType() throws Exception {
        // given a till of version 2 and a request made by version 1's code
        Pid till = startTill();
        Object oldAdd = add(2);
        Object oldShow = lab.code.apply(MODULE, "show");
        lab.loaded(MODULE, till(2), 2);
        // when the caller asks for its state back, a record of version 2
        Object reply = GenServer.call(till, oldAdd);
        Object state = GenServer.call(till, oldShow);
        // then it arrives as version 1's record, which is what the caller's code knows
        assertThat(reply).isEqualTo(List.of("v2", 2));
        assertThat(state.getClass().getClassLoader().getName()).isEqualTo(MODULE + "@1");
        GenServer.stop(till);
    }

    @Test
    void suspendLoadChangeCodeResume_runsTheExplicitCodeChange() throws Exception {
        Pid till = startTill();
        call(till, add(7));
        Sys.suspend(till);
        lab.loaded(MODULE, till(3), 3);
        Sys.changeCode(till, MODULE, "1", null);
        Sys.resume(till);
        assertThat(call(till, add(1))).isEqualTo(List.of("v3", 8));
        GenServer.stop(till);
    }

    @Test
    void aFailingExplicitCodeChange_leavesTheOldStateAndTheProcessSuspended() throws Exception {
        Pid till = startTill();
        call(till, add(-2));
        Sys.suspend(till);
        lab.loaded(MODULE, till(3), 3);
        assertThatThrownBy(() -> Sys.changeCode(till, MODULE, "1", null))
                .isInstanceOfSatisfying(CodeChangeException.class,
                        e -> assertThat((Throwable) e.reason()).hasMessage("negative total -2"));
        assertThat(Sys.getState(till).getClass().getClassLoader().getName()).isEqualTo(MODULE + "@1");
        assertThat(Sys.getStatus(till).sysState()).isEqualTo(dev.graft.sys.SysState.SUSPENDED);
        kill(till);
    }

    @Test
    void aBatch_preparesOnTheLoadedButNotYetCurrentVersion_andCommitsWithTheLoad() throws Exception {
        Pid till = startTill();
        call(till, add(4));
        lab.compile(MODULE, till(3), 3);
        var prepared = lab.code.prepareLoading(List.of(MODULE));
        CodeChangeBatch batch = CodeChangeBatch.prepare(List.of(till), prepared.versions().getFirst(), "1", null, 5000);
        assertThat(lab.code.finishLoading(prepared).isLoaded()).isTrue();
        batch.commit();
        assertThat(call(till, add(1))).isEqualTo(List.of("v3", 5));
        GenServer.stop(till);
    }

    @Test
    void purgingTheOldCallbackModule_doesNotKillAnIdleServer_butKillsOneInsideOldCode() throws Exception {
        // given two tills of version 1, one idle in the loop, one waiting inside a callback
        Pid idle = startTill();
        Pid busy = startTill();
        lab.run(() -> {
            Pid self = Proc.self();
            Proc.spawn(() -> GenServer.call(busy, List.of("hold", self), Proc.INFINITY));
            return Lab.await("holding", "holding"::equals);
        });
        // when version 2 is loaded and version 1 purged
        lab.loaded(MODULE, till(2), 2);
        Ref[] watch = new Ref[1];
        boolean killed = lab.run(() -> {
            watch[0] = Proc.monitor(busy);
            boolean k = lab.code.purge(MODULE);
            assertThat(Lab.await("busy down", m -> m instanceof Down d && d.ref() == watch[0]))
                    .isEqualTo(new Down(watch[0], busy, Reason.KILLED));
            return k;
        });
        // then only the one in old code died (E4: looping in a behaviour whose callback is old does not count)
        assertThat(killed).isTrue();
        assertThat(call(idle, "total")).isEqualTo(List.of("v2", 0));
        GenServer.stop(idle);
    }

    private void kill(Pid p) throws Exception {
        lab.run(() -> {
            Proc.exit(p, Reason.KILL);
            return null;
        });
    }
}
