package dev.graft.process;

import static dev.graft.process.Procs.awaitMessage;
import static dev.graft.process.Procs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class SelectiveReceiveTest {

    private static void sendSelf(Object... messages) {
        for (Object m : messages) {
            Proc.send(Proc.self(), m);
        }
    }

    private static List<Object> drain() {
        List<Object> rest = new ArrayList<>();
        for (Object m; (m = Proc.receive(0)) != null; ) {
            rest.add(m);
        }
        return rest;
    }

    @Test
    void receive_pattern_takesTheFirstMatchingMessage_andLeavesTheOthersInOrder(Node node) throws Exception {
        run(node, () -> {
            // given
            sendSelf("a", 1, "b", 2, "c");

            // when
            Object first = Proc.receive(m -> m instanceof Integer);
            Object second = Proc.receive(m -> m instanceof Integer);

            // then
            assertThat(first).isEqualTo(1);
            assertThat(second).isEqualTo(2);
            assertThat(drain()).containsExactly("a", "b", "c");
        });
    }

    @Test
    void receive_class_takesTheFirstMessageOfThatType(Node node) throws Exception {
        run(node, () -> {
            // given
            sendSelf(1, "one", 2, "two");

            // when
            String s = Proc.receive(String.class);

            // then
            assertThat(s).isEqualTo("one");
            assertThat(drain()).containsExactly(1, 2, "two");
        });
    }

    @Test
    void receive_skippedMessages_comeBeforeNewerOnes(Node node) throws Exception {
        run(node, () -> {
            // given: a receive that skipped "a" and "b"
            sendSelf("a", "b");
            assertThat(Proc.receive(Integer.class, 0)).isNull();

            // when
            sendSelf("c", 3);

            // then
            assertThat(Proc.receive(Integer.class)).isEqualTo(3);
            assertThat(drain()).containsExactly("a", "b", "c");
        });
    }

    @Test
    void receive_messagesSkippedBySeveralReceives_keepTheirOrder(Node node) throws Exception {
        run(node, () -> {
            // given
            for (int i = 0; i < 100; i++) {
                sendSelf(i);
            }

            // when: take the multiples of 3, then of 2, then the rest
            List<Object> threes = new ArrayList<>();
            for (int i = 0; i < 34; i++) {
                threes.add(Proc.receive(m -> (Integer) m % 3 == 0));
            }
            List<Object> twos = new ArrayList<>();
            for (int i = 0; i < 33; i++) {
                twos.add(Proc.receive(m -> (Integer) m % 2 == 0));
            }
            List<Object> rest = drain();

            // then
            List<Integer> expectedThrees = new ArrayList<>();
            List<Integer> expectedTwos = new ArrayList<>();
            List<Integer> expectedRest = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                (i % 3 == 0 ? expectedThrees : i % 2 == 0 ? expectedTwos : expectedRest).add(i);
            }
            assertThat(threes).isEqualTo(expectedThrees);
            assertThat(twos).isEqualTo(expectedTwos);
            assertThat(rest).isEqualTo(expectedRest);
        });
    }

    @Test
    void receive_waitingForAMatch_keepsNonMatchingMessagesThatArriveMeanwhile(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            Pid child = Proc.spawn(() -> {
                awaitMessage("go");
                for (int i = 0; i < 100; i++) {
                    Proc.send(parent, i);
                }
                Proc.send(parent, "done");
            });

            // when
            Proc.send(child, "go");
            Object done = Proc.receive(String.class);

            // then
            assertThat(done).isEqualTo("done");
            List<Object> rest = drain();
            assertThat(rest).hasSize(100);
            for (int i = 0; i < 100; i++) {
                assertThat(rest.get(i)).isEqualTo(i);
            }
        });
    }

    @Test
    void receive_timeoutZero_takesAMessageThatIsAlreadyThere(Node node) throws Exception {
        run(node, () -> {
            // given
            sendSelf("here");

            // when / then
            assertThat(Proc.receive(0)).isEqualTo("here");
        });
    }

    @Test
    void receive_timeoutZero_emptyMailbox_returnsNull(Node node) throws Exception {
        run(node, () -> {
            assertThat(Proc.receive(0)).isNull();
            assertThat(Proc.receive(m -> true, 0)).isNull();
            assertThat(Proc.receive(String.class, 0)).isNull();
        });
    }

    @Test
    void receive_timeoutZero_noMatchingMessage_returnsNullAndKeepsTheMessages(Node node) throws Exception {
        run(node, () -> {
            // given
            sendSelf("a", "b");

            // when
            Integer got = Proc.receive(Integer.class, 0);

            // then
            assertThat(got).isNull();
            assertThat(drain()).containsExactly("a", "b");
        });
    }

    @Test
    void receive_finiteTimeout_noMatchingMessage_returnsNullAndKeepsTheMessages(Node node) throws Exception {
        run(node, () -> {
            // given
            sendSelf("a");

            // when
            Object got = Proc.receive(m -> m instanceof Integer, 20);

            // then
            assertThat(got).isNull();
            assertThat(Proc.receive(10)).isEqualTo("a");
            assertThat(Proc.receive(10)).isNull();
        });
    }

    @Test
    void receive_finiteTimeout_returnsAMessageThatArrivesInTime(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            Pid child = Proc.spawn(() -> {
                awaitMessage("go");
                Proc.send(parent, 42);
            });

            // when
            Proc.send(child, "go");

            // then
            assertThat(Proc.receive(Integer.class, 60_000)).isEqualTo(42);
        });
    }

    @Test
    void receive_infinity_waitsForAMatchingMessage(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            Pid child = Proc.spawn(() -> {
                awaitMessage("go");
                Proc.send(parent, "noise");
                Proc.send(parent, 7);
                Proc.send(parent, 8);
            });

            // when
            Proc.send(child, "go");

            // then
            assertThat(Proc.receive(Integer.class, Proc.INFINITY)).isEqualTo(7);
            assertThat(Proc.receive(m -> m.equals(8), Proc.INFINITY)).isEqualTo(8);
            assertThat(Proc.receive(Proc.INFINITY)).isEqualTo("noise");
        });
    }

    @Test
    void receive_negativeTimeout_isAnError_andTakesNothing(Node node) throws Exception {
        run(node, () -> {
            // given
            sendSelf("kept");

            // when / then
            assertThatThrownBy(() -> Proc.receive(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-1");
            assertThatThrownBy(() -> Proc.receive(m -> true, -5)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Proc.receive(String.class, -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Proc.sleep(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThat(drain()).containsExactly("kept");
        });
    }

    @Test
    void receive_patternThatThrows_losesNoMessage(Node node) throws Exception {
        run(node, () -> {
            // given
            sendSelf("a", "b");

            // when
            assertThatThrownBy(() -> Proc.receive(m -> {
                throw new IllegalStateException("bad pattern");
            })).hasMessage("bad pattern");

            // then
            assertThat(drain()).containsExactly("a", "b");
        });
    }

    @Test
    void sleep_takesNoMessage(Node node) throws Exception {
        run(node, () -> {
            // given
            sendSelf("a", "b");

            // when
            Proc.sleep(1);

            // then
            assertThat(drain()).containsExactly("a", "b");
        });
    }
}
