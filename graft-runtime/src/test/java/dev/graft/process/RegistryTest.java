package dev.graft.process;

import static dev.graft.process.Procs.awaitDown;
import static dev.graft.process.Procs.awaitMessage;
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

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class RegistryTest {

    @Test
    void register_nameCanBeLookedUp_andIsListed(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid pid = spawnIdle();

            // when
            Proc.register("worker", pid);

            // then
            assertThat(Proc.whereis("worker")).contains(pid);
            assertThat(node.whereis("worker")).contains(pid);
            assertThat(Proc.registered()).containsExactly("worker");
            assertThat(node.registered()).containsExactly("worker");
            assertThat(infoOf(pid).registeredName()).contains("worker");
        });
    }

    @Test
    void register_self_thenMessagesByNameArrive(Node node) throws Exception {
        run(node, () -> {
            Proc.register("me", Proc.self());
            Proc.spawn(() -> Proc.send("me", "by name"));
            assertThat(Proc.receive()).isEqualTo("by name");
        });
    }

    @Test
    void registered_listsTheNamesSorted(Node node) throws Exception {
        run(node, () -> {
            Proc.register("zeta", spawnIdle());
            Proc.register("alpha", spawnIdle());
            Proc.register("mu", spawnIdle());
            assertThat(Proc.registered()).containsExactly("alpha", "mu", "zeta");
        });
    }

    @Test
    void whereis_unknownName_isEmpty(Node node) throws Exception {
        run(node, () -> assertThat(Proc.whereis("nobody")).isEmpty());
        assertThat(node.whereis("nobody")).isEmpty();
    }

    @Test
    void register_aTakenName_isAnErrorNamingTheName(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid holder = spawnIdle();
            Proc.register("taken", holder);
            Pid other = spawnIdle();

            // when / then
            assertThatThrownBy(() -> Proc.register("taken", other))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("taken");
            assertThat(Proc.whereis("taken")).contains(holder);
            assertThat(infoOf(other).registeredName()).isEmpty();
        });
    }

    @Test
    void register_aDeadPid_isAnError(Node node) throws Exception {
        run(node, () -> {
            Pid dead = deadPid();
            assertThatThrownBy(() -> Proc.register("ghost", dead))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ghost");
            assertThat(Proc.whereis("ghost")).isEmpty();
        });
    }

    @Test
    void register_aProcessThatAlreadyHasAName_isAnError(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid pid = spawnIdle();
            Proc.register("first", pid);

            // when / then
            assertThatThrownBy(() -> Proc.register("second", pid))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("first");
            assertThat(Proc.whereis("second")).isEmpty();
            assertThat(Proc.registered()).containsExactly("first");
        });
    }

    @Test
    void register_theSameNameToTheSameProcessTwice_isAnError(Node node) throws Exception {
        run(node, () -> {
            Pid pid = spawnIdle();
            Proc.register("once", pid);
            assertThatThrownBy(() -> Proc.register("once", pid)).isInstanceOf(IllegalArgumentException.class);
            assertThat(Proc.whereis("once")).contains(pid);
        });
    }

    @Test
    void register_anEmptyName_isAnError(Node node) throws Exception {
        run(node, () -> assertThatThrownBy(() -> Proc.register("", Proc.self()))
                .isInstanceOf(IllegalArgumentException.class));
    }

    @Test
    void register_aProcessOfAnotherNode_isAnError(Node node) throws Exception {
        try (Node other = Node.start("other")) {
            Pid foreign = other.spawn(Procs::idle);
            run(node, () -> assertThatThrownBy(() -> Proc.register("foreign", foreign))
                    .isInstanceOf(IllegalArgumentException.class));
            assertThat(node.whereis("foreign")).isEmpty();
        }
    }

    @Test
    void unregister_anUnknownName_isAnErrorNamingTheName(Node node) throws Exception {
        run(node, () -> assertThatThrownBy(() -> Proc.unregister("unknown_name"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown_name"));
    }

    @Test
    void unregister_releasesTheName_andTheProcessLivesOn(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid first = Proc.spawn(Procs::echo);
            Proc.register("service", first);

            // when
            Proc.unregister("service");

            // then
            assertThat(Proc.whereis("service")).isEmpty();
            assertThat(Proc.registered()).isEmpty();
            assertThat(infoOf(first).registeredName()).isEmpty();
            Procs.assertAnswers(first);
            Pid second = spawnIdle();
            Proc.register("service", second);
            assertThat(Proc.whereis("service")).contains(second);
            // and the first may take another name
            Proc.register("retired", first);
            assertThat(Proc.whereis("retired")).contains(first);
        });
    }

    @Test
    void unregister_twice_isAnError(Node node) throws Exception {
        run(node, () -> {
            Proc.register("short_lived", spawnIdle());
            Proc.unregister("short_lived");
            assertThatThrownBy(() -> Proc.unregister("short_lived")).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void name_isReleasedWhenItsProcessDies_andCanBeRegisteredAgain(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid holder = Proc.spawn(() -> awaitMessage("die"));
            Proc.register("singleton", holder);
            Ref ref = Proc.monitor(holder);

            // when
            Proc.send("singleton", "die");
            awaitDown(ref);

            // then
            assertThat(Proc.whereis("singleton")).isEmpty();
            assertThat(Proc.registered()).doesNotContain("singleton");
            assertThatThrownBy(() -> Proc.send("singleton", "anyone?")).isInstanceOf(IllegalArgumentException.class);
            Pid successor = spawnIdle();
            Proc.register("singleton", successor);
            assertThat(Proc.whereis("singleton")).contains(successor);
        });
    }

    @Test
    void name_isReleasedWhenItsProcessIsKilled(Node node) throws Exception {
        run(node, () -> {
            Pid holder = spawnIdle();
            Proc.register("victim", holder);
            Ref ref = Proc.monitor(holder);
            Proc.exit(holder, Reason.KILL);
            assertThat(awaitDown(ref).reason()).isEqualTo(Reason.KILLED);
            assertThat(Proc.whereis("victim")).isEmpty();
        });
    }

    @Test
    void names_areLocalToTheirNode(Node node) throws Exception {
        try (Node other = Node.start("other")) {
            // given
            Pid here = node.runProcess(() -> {
                Pid p = spawnIdle();
                Proc.register("shared_name", p);
                return p;
            });

            // when
            Pid there = other.runProcess(() -> {
                Pid p = spawnIdle();
                Proc.register("shared_name", p);
                return p;
            });

            // then
            assertThat(node.whereis("shared_name")).contains(here);
            assertThat(other.whereis("shared_name")).contains(there);
        }
    }
}
