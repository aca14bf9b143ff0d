package dev.graft.process;

import static dev.graft.process.Procs.deadPid;
import static dev.graft.process.Procs.infoOf;
import static dev.graft.process.Procs.run;
import static dev.graft.process.Procs.spawnIdle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Erlang's group leader, the membership half: inherited at spawn, moved by groupLeader/2. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class GroupLeaderTest {

    @Test
    void aProcessSpawnedFromOutside_belongsToNoGroup(Node node) throws Exception {
        Pid pid = node.spawn(TestModule.class, "idle");
        assertThat(node.groupLeader(pid)).isEmpty();
        assertThat(node.info(pid).orElseThrow().groupLeader()).isEmpty();
        run(node, () -> assertThat(Proc.groupLeader()).isEmpty());
    }

    @Test
    void aSpawnedProcess_joinsItsSpawnersGroup_fromTheMoveOn(Node node) throws Exception {
        run(node, () -> {
            // given a process spawned before the caller leads its own group
            Pid before = spawnIdle();
            // when the caller becomes its own group leader
            Proc.groupLeader(Proc.self(), Proc.self());
            Pid after = spawnIdle();
            // then what it spawns from then on is in its group, and the earlier process is not
            assertThat(Proc.groupLeader()).contains(Proc.self());
            assertThat(node.groupLeader(after)).contains(Proc.self());
            assertThat(infoOf(after).groupLeader()).contains(Proc.self());
            assertThat(node.groupLeader(before)).isEmpty();
        });
    }

    @Test
    void groupLeader_movesAnotherProcess_butNotADeadOne(Node node) throws Exception {
        run(node, () -> {
            Pid leader = spawnIdle();
            Pid member = spawnIdle();
            Proc.groupLeader(leader, member);
            assertThat(node.groupLeader(member)).contains(leader);
            Pid dead = deadPid();
            assertThatThrownBy(() -> Proc.groupLeader(leader, dead)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not alive");
            assertThat(node.groupLeader(dead)).isEmpty();
        });
    }
}
