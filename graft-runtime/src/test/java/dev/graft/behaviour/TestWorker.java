package dev.graft.behaviour;

import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.util.List;

/**
 * A supervised worker that tells its observer what happens to it: {@code ["started", name, pid]}
 * from its init, and, since it traps exits, {@code ["terminated", name, reason]} from its
 * terminate. A {@link Die} cast makes it stop with a reason. Public, and of no module, so that
 * supervisor modules compiled in a test can start it.
 */
public final class TestWorker implements GenServer<TestWorker.Job> {
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
}
