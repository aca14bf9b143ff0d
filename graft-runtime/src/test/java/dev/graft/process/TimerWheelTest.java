package dev.graft.process;

import static dev.graft.process.Procs.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The node's timer wheel, through what processes see of it: receive timeouts and sendAfter.
 * As in {@link TimerTest}, a later timer to the same receiver shows when an earlier one would
 * have come; nothing here waits on the clock.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class TimerWheelTest {
    record Tick(int n) {}

    @Test
    void timersSpanningRotations_fireInDeadlineOrder(Node node) throws Exception {
        run(node, () -> {
            // given: deadlines a rotation of the wheel apart, armed out of order
            long rotation = TimerWheel.BUCKETS; // milliseconds
            Proc.sendAfter(2 * rotation + 3, Proc.self(), new Tick(3));
            Proc.sendAfter(3, Proc.self(), new Tick(1));
            Proc.sendAfter(rotation + 3, Proc.self(), new Tick(2)); // same bucket as Tick(1), a rotation later

            // then
            assertThat(Proc.receive()).isEqualTo(new Tick(1));
            assertThat(Proc.receive()).isEqualTo(new Tick(2));
            assertThat(Proc.receive()).isEqualTo(new Tick(3));
        });
    }

    @Test
    void manyTimers_allFire_inDeadlineOrder_andCancelledOnesNever(Node node) throws Exception {
        run(node, () -> {
            // given: 10,000 timers over 0..99 ms, every third cancelled
            int n = 10_000;
            List<TimerRef> timers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                timers.add(Proc.sendAfter(i / 100, Proc.self(), new Tick(i)));
            }
            int cancelled = 0;
            for (int i = 0; i < n; i += 3) {
                if (Proc.cancelTimer(timers.get(i)).isPresent()) {
                    cancelled++;
                }
            }
            Proc.sendAfter(200, Proc.self(), "last");

            // when
            List<Integer> got = new ArrayList<>();
            for (Object m; !(m = Proc.receive()).equals("last"); ) {
                got.add(((Tick) m).n());
            }

            // then: each timer not reported cancelled fired once, in deadline order
            assertThat(got).hasSize(n - cancelled).isSorted().doesNotHaveDuplicates();
        });
    }

    @Test
    void cancelTimer_returnsTheTimeLeft_thenEmpty_andAfterFiringEmpty(Node node) throws Exception {
        run(node, () -> {
            // given
            TimerRef far = Proc.sendAfter(3 * TimerWheel.BUCKETS, Proc.self(), "far");
            TimerRef near = Proc.sendAfter(1, Proc.self(), "near");

            // when: cancel the far one (beyond a rotation), receive the near one
            OptionalLong left = Proc.cancelTimer(far);
            assertThat(Proc.receive()).isEqualTo("near");

            // then
            assertThat(left).isPresent();
            assertThat(left.getAsLong()).isBetween(0L, 3L * TimerWheel.BUCKETS);
            assertThat(Proc.cancelTimer(far)).isEmpty();
            assertThat(Proc.cancelTimer(near)).isEmpty();
        });
    }

    @Test
    void receiveTimeout_beyondARotation_returnsNull_andEarlierMessagesStillCome(Node node) throws Exception {
        run(node, () -> {
            // given: a message that comes before a timeout longer than the wheel's span
            Proc.sendAfter(5, Proc.self(), "early");

            // then
            assertThat(Proc.receive(m -> m.equals("early"), TimerWheel.BUCKETS + 10L)).isEqualTo("early");
            assertThat(Proc.receive(m -> false, TimerWheel.BUCKETS + 10L)).isNull();
        });
    }

    @Test
    void receiveTimeout_reArmedCallAfterCall_timesOutOnlyWhenNothingComes(Node node) throws Exception {
        run(node, () -> {
            // given: a process whose timed receives keep being answered (its timer is re-armed each time)
            Pid echo = echo();
            for (int i = 0; i < 10_000; i++) {
                Proc.send(echo, Proc.self());
                assertThat(Proc.receive(5_000)).isEqualTo("pong");
            }

            // then: the same timer still expires when nothing comes
            assertThat(Proc.receive(m -> false, 5)).isNull();
            assertThat(Proc.receive(0)).isNull();
        });
    }

    @Test
    void aShortTimeout_afterCallsWithLongOnes_expiresOnTime(Node node) throws Exception {
        run(node, () -> {
            // given: a process that re-armed its receive timer for 5 s, call after call
            Pid echo = echo();
            for (int i = 0; i < 1_000; i++) {
                Proc.send(echo, Proc.self());
                assertThat(Proc.receive(5_000)).isEqualTo("pong");
            }
            Proc.sendAfter(300, Proc.self(), "later");

            // when: a receive with a 5 ms timeout
            Object got = Proc.receive(m -> m.equals("never"), 5);

            // then: it timed out before a timer sixty times as long fired
            assertThat(got).isNull();
            assertThat(Proc.receive(m -> m.equals("later"), 0)).isNull();
            assertThat(Proc.receive(Proc.INFINITY)).isEqualTo("later");
        });
    }

    @Test
    void timeoutsFire_whileProcessesKeepEveryCarrierBusyWakingOneAnother(Node node) throws Exception {
        run(node, () -> {
            // given: twice as many pairs as carriers, bouncing a message for ever
            List<Pid> bouncers = new ArrayList<>();
            for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
                Pid a = Proc.spawn(TimerWheelTest::bounce);
                Pid b = Proc.spawn(TimerWheelTest::bounce);
                Proc.send(a, b);
                bouncers.add(a);
                bouncers.add(b);
            }

            // when: this process waits on a receive timeout, then on a timer
            Object timedOut = Proc.receive(m -> false, 20);
            Proc.sendAfter(20, Proc.self(), "tick");

            // then: both fire (a JDK timer's wake-up waited in the carriers' shared queue behind them)
            assertThat(timedOut).isNull();
            assertThat(Proc.receive()).isEqualTo("tick");
            bouncers.forEach(p -> Proc.exit(p, Reason.KILL));
        });
    }

    /** Sends each pid it receives its own pid back, for ever. */
    private static void bounce() {
        for (;;) {
            if (Proc.receive() instanceof Pid other) {
                Proc.send(other, Proc.self());
            }
        }
    }

    @Test
    void receiveAfterZero_andInfinity_areUnchanged(Node node) throws Exception {
        run(node, () -> {
            assertThat(Proc.receive(0)).isNull();
            Proc.sendAfter(1, Proc.self(), "later");
            assertThat(Proc.receive(Proc.INFINITY)).isEqualTo("later");
        });
    }

    /** A process that answers each pid it receives with {@code "pong"}. */
    private static Pid echo() {
        return Proc.spawn(() -> {
            for (;;) {
                if (Proc.receive() instanceof Pid from) {
                    Proc.send(from, "pong");
                }
            }
        });
    }
}
