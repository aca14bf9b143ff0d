package dev.graft.process;

import static dev.graft.process.Procs.awaitMessage;
import static dev.graft.process.Procs.deadPid;
import static dev.graft.process.Procs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class SendReceiveTest {
    record Numbered(int sender, int seq) {}

    @Test
    void send_toAPid_deliversTheMessage(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            Pid child = Proc.spawn(() -> Proc.send(parent, "reply to " + Proc.receive()));

            // when
            Proc.send(child, "question");

            // then
            assertThat(Proc.receive()).isEqualTo("reply to question");
        });
    }

    @Test
    void send_toOwnPid_deliversToTheCaller(Node node) throws Exception {
        run(node, () -> {
            // when
            Proc.send(Proc.self(), "note to self");

            // then
            assertThat(Proc.receive(0)).isEqualTo("note to self");
        });
    }

    @Test
    void send_fromOutsideAnyProcess_delivers(Node node) throws Exception {
        // given
        CompletableFuture<List<Object>> received = new CompletableFuture<>();
        Pid pid = node.spawn(() -> received.complete(List.of(Proc.receive(), Proc.receive())));

        // when
        node.send(pid, "by the node");
        Proc.send(pid, "by Proc.send");

        // then
        assertThat(received.get()).containsExactly("by the node", "by Proc.send");
    }

    @Test
    void send_toARegisteredName_deliversToThatProcess(Node node) throws Exception {
        run(node, () -> {
            // given
            Proc.register("inbox", Proc.self());

            // when
            Proc.send("inbox", "by name");
            node.send("inbox", "by name, from the node");

            // then
            assertThat(Proc.receive(0)).isEqualTo("by name");
            assertThat(Proc.receive(0)).isEqualTo("by name, from the node");
        });
    }

    @Test
    void send_toAnUnknownName_isAnErrorNamingTheName(Node node) throws Exception {
        run(node, () -> {
            assertThatThrownBy(() -> Proc.send("nobody_here", "hello"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nobody_here");
            // the caller is unharmed
            Proc.send(Proc.self(), "still alive");
            assertThat(Proc.receive(0)).isEqualTo("still alive");
        });
        assertThatThrownBy(() -> node.send("nobody_here", "hello"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nobody_here");
    }

    @Test
    void send_messagesFromOneSender_arriveInTheOrderSent(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();

            // when
            Proc.spawn(() -> {
                for (int i = 0; i < 10_000; i++) {
                    Proc.send(parent, i);
                }
            });

            // then
            for (int i = 0; i < 10_000; i++) {
                assertThat(Proc.receive()).isEqualTo(i);
            }
        });
    }

    @Test
    void send_fromSeveralSenders_keepsTheOrderOfEachPair(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            int senders = 8;
            int each = 2_000;

            // when
            for (int s = 0; s < senders; s++) {
                int sender = s;
                Proc.spawn(() -> {
                    for (int i = 0; i < each; i++) {
                        Proc.send(parent, new Numbered(sender, i));
                    }
                });
            }

            // then
            int[] next = new int[senders];
            for (int n = 0; n < senders * each; n++) {
                Numbered m = Proc.receive(Numbered.class);
                assertThat(m.seq()).as("message from sender %d", m.sender()).isEqualTo(next[m.sender()]);
                next[m.sender()]++;
            }
            assertThat(Proc.receive(0)).isNull();
        });
    }

    @Test
    void send_toADeadProcess_isDroppedSilently(Node node) throws Exception {
        Pid dead = node.runProcess(() -> {
            // given
            Pid pid = deadPid();

            // when / then
            assertThatCode(() -> Proc.send(pid, "lost")).doesNotThrowAnyException();
            assertThat(Proc.isAlive(pid)).isFalse();
            return pid;
        });
        assertThatCode(() -> node.send(dead, "lost too")).doesNotThrowAnyException();
    }

    @Test
    void send_nullMessage_isRejected(Node node) throws Exception {
        run(node, () -> assertThatThrownBy(() -> Proc.send(Proc.self(), null))
                .isInstanceOf(NullPointerException.class));
    }

    @Test
    void receive_takesMessagesInArrivalOrder(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid self = Proc.self();
            Proc.send(self, "first");
            Proc.send(self, 2);
            Proc.send(self, "third");

            // when
            List<Object> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                got.add(Proc.receive());
            }

            // then
            assertThat(got).containsExactly("first", 2, "third");
        });
    }

    @Test
    void receive_emptyMailbox_waitsForAMessageSentLater(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            Pid child = Proc.spawn(() -> {
                awaitMessage("go");
                Proc.send(parent, "late");
            });

            // when
            Proc.send(child, "go");

            // then
            assertThat(Proc.receive()).isEqualTo("late");
        });
    }

    @Test
    void send_aMessageIsTheSameObject_notACopy(Node node) throws Exception {
        run(node, () -> {
            // given
            Object message = new Object();

            // when
            Proc.send(Proc.self(), message);

            // then
            assertThat(Proc.receive()).isSameAs(message);
        });
    }
}
