package dev.graft.release;

import dev.graft.code.CodeServer;
import dev.graft.process.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The modules an install left with old code that processes still run, each with its post-purge
 * method: the release handler's {@code unpurged} list (reference §7.3). They are soft-purged
 * again every interval until none is left (OTP's 10 s interval timer), and those whose
 * post-purge is brutal are purged at {@code make_permanent}, which kills the processes still in
 * their old code: until then a downgrade can still take them back.
 *
 * <p>Thread-safety: guarded by the release handler's lock, which the retrier takes too.
 */
final class UnpurgedModules {
    /** OTP's {@code ?timeout} in release_handler. */
    static final Duration EVERY = Duration.ofSeconds(10);

    /** A module with old code left, and how its install said to purge it. */
    record Entry(String module, PurgeMethod postPurge) {}

    private final Node node;
    private final ReentrantLock lock;
    private final Duration every;
    /** Guarded by lock. */
    private List<Entry> entries = List.of();
    /** The thread retrying soft purges while entries are left; guarded by lock. */
    private Thread retrier;

    UnpurgedModules(Node node, ReentrantLock lock, Duration every) {
        this.node = node;
        this.lock = lock;
        this.every = every;
    }

    /** After an install: its unpurged modules replace the list, as OTP's do. Under lock. */
    void replace(List<Entry> next) {
        entries = List.copyOf(next);
        if (!entries.isEmpty() && retrier == null) {
            retrier = Thread.ofVirtual().name("release_handler soft purge " + node.name()).start(this::retryUntilNoneLeft);
        }
    }

    /** The modules still unpurged. Under lock. */
    List<String> modules() {
        return entries.stream().map(Entry::module).toList();
    }

    /** Soft-purges each module again and keeps those whose old code still runs. Under lock. */
    void retry() {
        CodeServer code = CodeServer.of(node);
        entries = entries.stream().filter(e -> !code.softPurge(e.module())).toList();
    }

    /** At make_permanent: purges the modules whose post-purge is brutal, killing what still runs them. Under lock. */
    void purgeBrutal() {
        CodeServer code = CodeServer.of(node);
        List<Entry> left = new ArrayList<>();
        for (Entry e : entries) {
            if (e.postPurge() == PurgeMethod.BRUTAL_PURGE) {
                code.purge(e.module());
            } else {
                left.add(e);
            }
        }
        entries = List.copyOf(left);
    }

    private void retryUntilNoneLeft() {
        try {
            for (;;) {
                Thread.sleep(every);
                lock.lock();
                try {
                    if (!node.isStopped()) {
                        retry();
                    }
                    if (entries.isEmpty() || node.isStopped()) {
                        retrier = null;
                        return;
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            lock.lock();
            retrier = null;
            lock.unlock();
        }
    }
}
