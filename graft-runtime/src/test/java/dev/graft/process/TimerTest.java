package dev.graft.process;

import static dev.graft.process.Procs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Timers. To show that a message never comes without sleeping, a test starts a later timer to
 * the same receiver: the node's timers fire in deadline order, so once the later message is
 * received, the earlier one would have been too.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(NodeExtension.class)
class TimerTest {
    record Tick(int n) {}

    @Test
    void sendAfter_toAPid_deliversTheMessage(Node node) throws Exception {
        run(node, () -> {
            // given
            Pid parent = Proc.self();
            Pid target = Proc.spawn(() -> Proc.send(parent, "forwarded " + Proc.receive()));

            // when
            Proc.sendAfter(5, target, "tick");

            // then
            assertThat(Proc.receive()).isEqualTo("forwarded tick");
        });
    }

    @Test
    void sendAfter_zero_deliversToo(Node node) throws Exception {
        run(node, () -> {
            Proc.sendAfter(0, Proc.self(), "now");
            assertThat(Proc.receive()).isEqualTo("now");
        });
    }

    @Test
    void sendAfter_toAName_deliversToTheRegisteredProcess(Node node) throws Exception {
        run(node, () -> {
            // given
            Proc.register("alarm_clock", Proc.self());

            // when
            Proc.sendAfter(5, "alarm_clock", "ring");

            // then
            assertThat(Proc.receive()).isEqualTo("ring");
        });
    }

    @Test
    void sendAfter_toANameNobodyHasWhenItFires_isDroppedWithoutError(Node node) throws Exception {
        run(node, () -> {
            // when
            Proc.sendAfter(5, "nobody_yet", "lost");
            Proc.sendAfter(30, Proc.self(), "later");

            // then
            assertThat(Proc.receive()).isEqualTo("later");
            assertThat(Proc.receive(0)).isNull();
        });
    }

    @Test
    void sendAfter_toADeadPid_isHarmless(Node node) throws Exception {
        run(node, () -> {
            Pid dead = Procs.deadPid();
            Proc.sendAfter(0, dead, "lost");
            Proc.sendAfter(5, Proc.self(), "later");
            assertThat(Proc.receive()).isEqualTo("later");
        });
    }

    @Test
    void timers_fireInDeadlineOrder(Node node) throws Exception {
        run(node, () -> {
            // when
            Proc.sendAfter(200, Proc.self(), new Tick(3));
            Proc.sendAfter(100, Proc.self(), new Tick(2));
            Proc.sendAfter(0, Proc.self(), new Tick(1));

            // then
            assertThat(Proc.receive()).isEqualTo(new Tick(1));
            assertThat(Proc.receive()).isEqualTo(new Tick(2));
            assertThat(Proc.receive()).isEqualTo(new Tick(3));
        });
    }

    @Test
    void sendAfter_negativeTime_isAnError(Node node) throws Exception {
        run(node, () -> {
            assertThatThrownBy(() -> Proc.sendAfter(-1, Proc.self(), "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Proc.sendAfter(-1, "name", "x")).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void cancelTimer_returnsTheTimeThatWasLeft(Node node) throws Exception {
        run(node, () -> {
            // given
            TimerRef timer = Proc.sendAfter(60_000, Proc.self(), "never");

            // when
            OptionalLong left = Proc.cancelTimer(timer);

            // then
            assertThat(left).isPresent();
            assertThat(left.getAsLong()).isBetween(1L, 60_000L);
        });
    }

    @Test
    void cancelTimer_twice_secondIsEmpty(Node node) throws Exception {
        run(node, () -> {
            TimerRef timer = Proc.sendAfter(60_000, Proc.self(), "never");
            assertThat(Proc.cancelTimer(timer)).isPresent();
            assertThat(Proc.cancelTimer(timer)).isEmpty();
        });
    }

    @Test
    void cancelTimer_afterItFired_isEmpty(Node node) throws Exception {
        run(node, () -> {
            // given: a timer that has fired, and finished firing (a later timer has fired after it)
            TimerRef timer = Proc.sendAfter(0, Proc.self(), "fired");
            Proc.sendAfter(1, Proc.self(), "later");
            assertThat(Proc.receive()).isEqualTo("fired");
            assertThat(Proc.receive()).isEqualTo("later");

            // when
            OptionalLong left = Proc.cancelTimer(timer);

            // then
            assertThat(left).isEmpty();
        });
    }

    @Test
    void cancelledTimer_neverDelivers(Node node) throws Exception {
        run(node, () -> {
            // given
            TimerRef cancelled = Proc.sendAfter(500, Proc.self(), "cancelled");
            TimerRef nameCancelled = Proc.sendAfter(500, "me", "cancelled by name");
            Proc.register("me", Proc.self());

            // when
            assertThat(Proc.cancelTimer(cancelled)).isPresent();
            assertThat(Proc.cancelTimer(nameCancelled)).isPresent();
            Proc.sendAfter(550, Proc.self(), "later"); // fires after the cancelled ones would have

            // then
            assertThat(Proc.receive()).isEqualTo("later");
            assertThat(Proc.receive(0)).isNull();
        });
    }

    /**
     * Erlang: if {@code cancel_timer} returns a time, the timer was stopped before it expired
     * and its message is never delivered. Stress: cancel a 0 ms timer while the timer thread
     * may be firing it; whenever the cancel reports a time, the message must not come. A later
     * timer to the same receiver shows when it would have.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void cancelTimer_racingTheTimerFiring_aTimerReportedCancelledNeverDelivers(Node node) throws Exception {
        record Sentinel(int n) {}
        run(node, () -> {
            // given: a receiver parked in receive that forwards what it gets, in order
            Pid self = Proc.self();
            Pid forwarder = Proc.spawn(() -> {
                for (;;) {
                    Proc.send(self, Proc.receive());
                }
            });
            int reportedCancelled = 0;
            int deliveredAnyway = 0;
            for (int i = 0; i < 60_000; i++) {
                int n = i;
                // when
                TimerRef timer = Proc.sendAfter(0, forwarder, new Tick(n));
                OptionalLong left = Proc.cancelTimer(timer);
                Proc.sendAfter(0, forwarder, new Sentinel(n));
                Proc.receive(m -> m instanceof Sentinel s && s.n() == n);
                Object tick = Proc.receive(m -> m instanceof Tick t && t.n() == n, 0);
                // then
                if (left.isPresent()) {
                    reportedCancelled++;
                    if (tick != null) {
                        deliveredAnyway++;
                    }
                }
            }
            assertThat(deliveredAnyway)
                    .as("timers delivered after cancelTimer reported them cancelled (of %d reported cancelled)", reportedCancelled)
                    .isZero();
        });
    }

    /**
     * Erlang: once the timeout message has been received, {@code cancel_timer} returns false.
     * Repeated, because the bug it shows needs the receiver to run before the timer thread has
     * finished its task (here about 1 round in 100 reports a time).
     */
    @Test
    void cancelTimer_afterTheMessageWasReceived_isAlwaysEmpty(Node node) throws Exception {
        run(node, () -> {
            int reportedCancelled = 0;
            for (int i = 0; i < 20_000; i++) {
                // given
                TimerRef timer = Proc.sendAfter(0, Proc.self(), new Tick(i));
                Proc.receive();
                // when
                OptionalLong left = Proc.cancelTimer(timer);
                // then
                if (left.isPresent()) {
                    reportedCancelled++;
                }
            }
            assertThat(reportedCancelled).as("cancelTimer results with a time after the message was received").isZero();
        });
    }
}
