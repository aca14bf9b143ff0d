package dev.graft.process;

import static org.assertj.core.api.Assertions.fail;

import java.util.Objects;

/** Small helpers for code that runs inside test processes. */
final class Procs {
    private Procs() {}

    /** A request an {@link #echo} process answers with a {@link Pong} carrying the same payload. */
    record Ping(Pid from, Object payload) {}

    record Pong(Pid from, Object payload) {}

    /** Runs {@code body} as a process of {@code node} and waits for it; rethrows what it threw. */
    static void run(Node node, ProcessFunction body) throws Exception {
        node.runProcess(() -> {
            body.run();
            return null;
        });
    }

    /** Process body: waits for ever, keeping every message in its mailbox. */
    static void idle() {
        Proc.receive(m -> false);
    }

    /** Process body: answers every {@link Ping}, drops anything else. */
    static void echo() {
        for (;;) {
            if (Proc.receive() instanceof Ping(Pid from, Object payload)) {
                Proc.send(from, new Pong(Proc.self(), payload));
            }
        }
    }

    static Pid spawnIdle() {
        return Proc.spawn(Procs::idle);
    }

    /** Waits for the {@link Down} of this monitor. */
    static Down awaitDown(Ref ref) {
        return (Down) Proc.receive(m -> m instanceof Down d && d.ref() == ref);
    }

    /** Waits for an {@link Exit} from {@code from}. */
    static Exit awaitExit(Pid from) {
        return (Exit) Proc.receive(m -> m instanceof Exit e && e.from() == from);
    }

    /** Waits for a message equal to {@code expected}. */
    static Object awaitMessage(Object expected) {
        return Proc.receive(m -> Objects.equals(m, expected));
    }

    /** Waits for {@code pid} to die (by a monitor) and returns its exit reason. */
    static Object awaitDeath(Pid pid) {
        return awaitDown(Proc.monitor(pid)).reason();
    }

    /** A pid whose process has exited. */
    static Pid deadPid() {
        Spawned s = Proc.spawnMonitor(() -> {});
        awaitDown(s.ref());
        return s.pid();
    }

    /** Asserts that {@code pid} is alive and runs: it answers a {@link Ping} (it must be an {@link #echo}). */
    static void assertAnswers(Pid pid) {
        Ref ref = Proc.monitor(pid);
        Object token = new Object();
        Proc.send(pid, new Ping(Proc.self(), token));
        Object reply = Proc.receive(m -> m instanceof Pong p && p.payload() == token
                || m instanceof Down d && d.ref() == ref);
        Proc.demonitor(ref, true);
        if (reply instanceof Down d) {
            fail(pid + " died with " + d.reason() + " instead of answering");
        }
    }

    /** The info of a live process. */
    static ProcessInfo infoOf(Pid pid) {
        return Proc.info(pid).orElseThrow(() -> new AssertionError(pid + " is not alive"));
    }

    /**
     * Waits until {@code pid} reports {@code status}. The runtime gives no event for "blocked in
     * receive", so this polls {@code info}; it never sleeps and the test's timeout bounds it.
     */
    static void awaitStatus(Pid pid, ProcessInfo.Status status) {
        for (;;) {
            ProcessInfo info = pid.node().info(pid).orElseThrow(() -> new AssertionError(pid + " died while waiting for status " + status));
            if (info.status() == status) {
                return;
            }
            Thread.yield();
        }
    }

    /** Waits until {@code thread} is parked (it can make no more progress by itself). Polls, never sleeps. */
    static void awaitParked(Thread thread) {
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            Thread.yield();
        }
    }
}
