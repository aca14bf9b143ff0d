package dev.graft.behaviour;

import static org.assertj.core.api.Assertions.fail;

import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A supervised worker that tells its observer what happens to it: {@code ["started", name, pid]}
 * from its init, and, since it traps exits, {@code ["terminated", name, reason]} from its
 * terminate. A {@link Die} cast makes it stop with a reason. Public, and of no module, so that
 * supervisor modules compiled in a test can start it.
 */
public final class TestWorker implements GenServer<TestWorker.Job> {
    /** How long a reader waits for a report that must come: a guard against hangs, not a timing assertion. */
    private static final long PATIENCE = 20_000;

    public record Job(String name, Pid observer) {}

    /** Makes the worker stop with {@code reason}. */
    public record Die(Object reason) {}

    public static StartResult startLink(String name, Object observer) {
        return GenServer.startLink(TestWorker.class, new Job(name, (Pid) observer));
    }

    @Override
    public Init<Job> init(Object args) {
        Job job = (Job) args;
        Proc.trapExit(true);
        Proc.send(job.observer(), List.of("started", job.name(), Proc.self()));
        return Init.ok(job);
    }

    @Override
    public Result<Job> handleCast(Object request, Job job) {
        return new Stop<>(((Die) request).reason(), job);
    }

    @Override
    public void terminate(Object reason, Job job) {
        Proc.send(job.observer(), List.of("terminated", job.name(), reason));
    }

    // ---- reading the reports, in the observer ----

    /** The next {@code n} reports, as "started a" or "terminated a reason". */
    public static List<String> events(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<?> e = await(m -> m instanceof List<?> l && l.size() == 3
                    && ("started".equals(l.getFirst()) || "terminated".equals(l.getFirst())));
            out.add(e.get(0) + " " + e.get(1) + (e.get(0).equals("terminated") ? " " + e.get(2) : ""));
        }
        return out;
    }

    /** The pids of the next {@code n} workers to start, in start order. */
    public static List<Pid> pids(int n) {
        List<Pid> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add((Pid) await(startedEvent()).get(2));
        }
        return out;
    }

    /** A start report. */
    public static Predicate<Object> startedEvent() {
        return m -> m instanceof List<?> l && l.size() == 3 && "started".equals(l.getFirst());
    }

    private static List<?> await(Predicate<Object> report) {
        Object m = Proc.receive(report, PATIENCE);
        if (m == null) {
            fail("no worker reported in " + PATIENCE + " ms");
        }
        return (List<?>) m;
    }
}
