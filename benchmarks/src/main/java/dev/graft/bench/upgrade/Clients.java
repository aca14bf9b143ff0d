package dev.graft.bench.upgrade;

import dev.graft.behaviour.GenServer;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.ProcessExit;
import dev.graft.process.ProcessInfo;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Client processes that call random servers in a closed loop: each picks a server uniformly at
 * random, calls it with {@code GenServer.call} (default timeout, 5 s), logs the call, and calls
 * again, until {@link #stop}. A call that exits (times out, or finds its server dead) is logged
 * as failed and the client goes on.
 *
 * <p><b>Everything starts from inside.</b> The JDK runs virtual threads on a
 * {@code ForkJoinPool} whose carriers run the tasks of their own queue until it is empty before
 * they look at tasks submitted from outside it: a virtual thread started (by anyone: the JDK
 * submits a new virtual thread from outside), or unparked by a platform thread or a timer.
 * Processes that keep each other busy — a client wakes a server, which wakes the client — keep
 * those queues from emptying, so under this load a new process, or one woken from outside, waits
 * as long as the load lasts (measured: more than two minutes behind two busy pairs on two
 * cores). So the clients are spawned while the node is idle and wait; a process then wakes them
 * all (from inside); and the upgrade runs in one of them, between two of its calls
 * ({@link #runInside}), while the others go on calling.
 */
final class Clients {
    static final Object REQUEST = "inc";
    private static final Object GO = "go";

    private final CallLog[] logs;
    private final CountDownLatch ended;
    private final AtomicReference<Runnable> toRun = new AtomicReference<>();
    private volatile boolean stopping;

    private Clients(int count) {
        logs = new CallLog[count];
        ended = new CountDownLatch(count);
    }

    static Clients start(Node node, Pid[] servers, int count) throws Exception {
        Clients clients = new Clients(count);
        Pid[] pids = new Pid[count];
        for (int i = 0; i < count; i++) {
            CallLog log = new CallLog();
            clients.logs[i] = log;
            SplittableRandom random = new SplittableRandom(i);
            pids[i] = node.spawn(() -> {
                Proc.receive(GO::equals);
                clients.callUntilStopped(servers, random, log);
            });
        }
        for (Pid p : pids) {
            while (node.info(p).map(ProcessInfo::status).orElseThrow() != ProcessInfo.Status.WAITING) {
                Thread.sleep(1);
            }
        }
        node.runProcess(() -> {
            for (Pid p : pids) {
                Proc.send(p, GO);
            }
            return null;
        });
        return clients;
    }

    private void callUntilStopped(Pid[] servers, SplittableRandom random, CallLog log) {
        try {
            while (!stopping) {
                Runnable work = toRun.getAndSet(null);
                if (work != null) {
                    work.run();
                }
                Pid server = servers[random.nextInt(servers.length)];
                long start = System.nanoTime();
                boolean ok = true;
                try {
                    GenServer.call(server, REQUEST);
                } catch (ProcessExit e) {
                    ok = false;
                }
                log.record(start, System.nanoTime(), ok);
            }
        } finally {
            ended.countDown();
        }
    }

    /** Has the next client to finish a call run {@code body} in its process; its result. */
    <T> CompletableFuture<T> runInside(Callable<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        toRun.set(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Stops the clients once their calls under way have returned; returns their logs. */
    CallLog[] stop() throws InterruptedException {
        stopping = true;
        ended.await();
        return logs;
    }
}
