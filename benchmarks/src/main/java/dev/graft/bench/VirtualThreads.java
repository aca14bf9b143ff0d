package dev.graft.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;

/**
 * The floor Graft's design can reach: JDK virtual threads, each that receives owning a
 * {@link LinkedTransferQueue} as its mailbox, and nothing else: no pids, no process table, no
 * signals, no selective receive. A send is {@code offer}, a receive is {@code take}.
 *
 * <p>Why this queue: it is the JDK's unbounded multi-producer queue whose {@code take} parks a
 * virtual thread without pinning its carrier, and whose {@code offer} hands a message straight
 * to a taker that waits. Its {@code take} spins briefly before it parks, unless the carrier has
 * other work queued (a check only the JDK can make). Measured on the benchmark machine beside a
 * {@code ConcurrentLinkedQueue} with a parked-waiter flag and {@code LockSupport}: its round trip
 * was about three times shorter (0.34 against 1.05 µs), and the two throughputs were within the
 * noise of each other.
 */
final class VirtualThreads {
    private VirtualThreads() {}

    /** One factory, as a Graft node has one: unnamed virtual threads. */
    static final ThreadFactory FACTORY = Thread.ofVirtual().factory();

    /** A virtual thread's mailbox: any thread offers, only the owner takes. */
    static final class Mailbox extends LinkedTransferQueue<Object> {}

    /** A new mailbox. */
    static Mailbox mailbox() {
        return new Mailbox();
    }

    /** Starts a virtual thread running {@code body}. */
    static Thread start(Runnable body) {
        Thread t = FACTORY.newThread(body);
        t.start();
        return t;
    }

    /**
     * Runs {@code body} in a new virtual thread and waits for its result: the counterpart of
     * Graft's {@code Node.runProcess}, by the same means (a {@link CompletableFuture}).
     */
    static <T> T run(Callable<T> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        start(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw (Error) e.getCause();
        }
    }
}
