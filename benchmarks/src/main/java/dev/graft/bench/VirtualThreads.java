package dev.graft.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor Graft's design can reach: JDK virtual threads, each that receives owning a queue as
 * its mailbox, and nothing else: no pids, no process table, no signals, no selective receive. A
 * send is {@link Mailbox#offer}, a receive is {@link Mailbox#take}. Two mailboxes, as neither is
 * the faster in every workload (see {@link MailboxKind}):
 * <ul>
 *   <li>{@link TransferMailbox}, the JDK's {@link LinkedTransferQueue}: its {@code offer} hands a
 *       message straight to a taker that waits, and its {@code take} spins briefly before it
 *       parks, unless the carrier has other work queued (a check only the JDK can make);</li>
 *   <li>{@link ParkingMailbox}, a {@link ConcurrentLinkedQueue} with a waiter field and
 *       {@link LockSupport}: the scheme of Graft's own mailbox (put, then unpark the owner if it
 *       waits) without what Graft adds.</li>
 * </ul>
 */
final class VirtualThreads {
    private VirtualThreads() {}

    /** One factory, as a Graft node has one: unnamed virtual threads. */
    static final ThreadFactory FACTORY = Thread.ofVirtual().factory();

    /** A virtual thread's mailbox: any thread offers, only the owner takes. */
    interface Mailbox {
        boolean offer(Object message);

        Object take() throws InterruptedException;
    }

    /** {@link LinkedTransferQueue} as a mailbox. */
    static final class TransferMailbox extends LinkedTransferQueue<Object> implements Mailbox {}

    /**
     * A {@link ConcurrentLinkedQueue} and the owner's thread while it parks. The owner publishes
     * itself in {@code waiter}, polls again and parks; a sender offers, and then, if it reads a
     * waiter and is the one to clear it, unparks it. Both write and then read volatiles, so no
     * wake-up is lost.
     */
    static final class ParkingMailbox implements Mailbox {
        private static final VarHandle WAITER;

        static {
            try {
                WAITER = MethodHandles.lookup().findVarHandle(ParkingMailbox.class, "waiter", Thread.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
        /** The owner while it parks or is about to; cleared by the sender that wakes it. */
        private volatile Thread waiter;

        @Override
        public boolean offer(Object message) {
            queue.offer(message);
            Thread w = waiter;
            if (w != null && WAITER.compareAndSet(this, w, null)) {
                LockSupport.unpark(w);
            }
            return true;
        }

        @Override
        public Object take() throws InterruptedException {
            Object m = queue.poll();
            if (m != null) {
                return m;
            }
            Thread me = Thread.currentThread();
            for (;;) {
                waiter = me;
                m = queue.poll();
                if (m != null) {
                    waiter = null;
                    return m;
                }
                LockSupport.park(this);
                waiter = null;
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                m = queue.poll();
                if (m != null) {
                    return m;
                }
            }
        }
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
