package dev.graft.testkit;

import dev.graft.application.ApplicationController;
import dev.graft.application.ApplicationInfo;
import dev.graft.process.Down;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.Reason;
import dev.graft.process.Ref;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Watches every process of a node across a release step, to tell which of them a purge
 * killed: a process of its own monitors each process alive when the watch starts, and
 * {@link #killed} lists those that died with reason {@code killed} meanwhile, which is how a
 * purge kills. A process of an application the step stopped is not counted (a supervisor
 * shutting a child down with {@code brutal_kill} kills it too).
 */
final class ProcessWatch {
    private static final Object STOP = new Object();

    /** A watched process: what it was (its registered name, else its initial call) and the application it belonged to. */
    private record Watched(String what, Optional<String> application) {}

    /** A process that died while watched, with reason {@code reason}. */
    record Death(Pid pid, String what, Object reason, Optional<String> application) {
        @Override
        public String toString() {
            return pid + " (" + what + ")";
        }
    }

    private final Node node;
    private final Pid watcher;
    private final CompletableFuture<List<Death>> deaths;

    private ProcessWatch(Node node, Pid watcher, CompletableFuture<List<Death>> deaths) {
        this.node = node;
        this.watcher = watcher;
        this.deaths = deaths;
    }

    /** Starts watching every live process of {@code node}; returns once each is monitored. */
    static ProcessWatch start(Node node) {
        ApplicationController apps = ApplicationController.of(node);
        Map<Pid, Watched> watched = new HashMap<>();
        for (Pid p : node.processes()) {
            node.info(p).ifPresent(i -> watched.put(p, new Watched(i.registeredName().orElse(i.initialCall()),
                    apps.getApplication(p))));
        }
        CompletableFuture<Void> monitoring = new CompletableFuture<>();
        CompletableFuture<List<Death>> deaths = new CompletableFuture<>();
        Pid watcher = node.spawn(() -> {
            try {
                Map<Ref, Pid> refs = new HashMap<>();
                watched.keySet().forEach(p -> refs.put(Proc.monitor(p), p));
                monitoring.complete(null);
                List<Death> seen = new ArrayList<>();
                for (Object m; (m = Proc.receive(x -> x == STOP || x instanceof Down)) != STOP; ) {
                    Down d = (Down) m;
                    Pid p = refs.get(d.ref());
                    if (p != null) {
                        Watched w = watched.get(p);
                        seen.add(new Death(p, w.what(), d.reason(), w.application()));
                    }
                }
                deaths.complete(seen);
            } finally { // a watcher that dies (its node stopping) must not leave the step waiting
                IllegalStateException died = new IllegalStateException("the process watching " + node + " died");
                monitoring.completeExceptionally(died);
                deaths.completeExceptionally(died);
            }
        });
        await(monitoring);
        return new ProcessWatch(node, watcher, deaths);
    }

    /** Stops watching; returns the watched processes killed (reason {@code killed}), not counting those of stopped applications. */
    List<Death> killed() {
        node.send(watcher, STOP);
        List<Death> all = await(deaths);
        List<String> running = ApplicationController.of(node).whichApplications().stream().map(ApplicationInfo::name).toList();
        return all.stream()
                .filter(d -> Reason.KILLED.equals(d.reason()))
                .filter(d -> d.application().isEmpty() || running.contains(d.application().get()))
                .toList();
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while watching processes", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the process watch failed", e.getCause());
        }
    }
}
