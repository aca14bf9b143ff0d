package dev.graft.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Predicate;

/**
 * A process's mailbox: many senders, one receiver (the owning process).
 *
 * <h2>Implementation overview</h2>
 *
 * Two queues of the same nodes:
 * <ul>
 *   <li>The <em>inbox</em> is Vyukov's intrusive multi-producer single-consumer queue. A sender
 *       swaps itself in as {@code tail} with one atomic exchange and then links the previous tail
 *       to its node. The receiver owns {@code head}, a consumed stub node, and follows
 *       {@code head.next}. Between a sender's exchange and its link the inbox is non-empty but
 *       the receiver cannot yet see the node: {@link #isEmpty} says non-empty and {@link #poll}
 *       says null, and the receiver spins until the link appears.</li>
 *   <li>The <em>save queue</em> holds messages a selective receive looked at and did not take,
 *       in arrival order. Only the receiver touches it. A receive scans it before the inbox,
 *       so a message skipped by one receive is found, in order, by the next.</li>
 * </ul>
 *
 * <p>Messages from one sender are taken in the order they were sent: a sender's exchanges
 * are ordered, so are its nodes in the inbox, and the save queue keeps arrival order.
 *
 * <p>Thread-safety: {@link #put} from any thread; everything else from the owner only (after its
 * death, {@link #clear} from any thread holding the mailbox's monitor), except
 * {@link #size}, which another thread may call while the owner waits (it then reads a
 * consistent queue; at other times an estimate).
 */
final class Mailbox {
    static final class Node {
        Object item;
        volatile Node next;

        Node(Object item) {
            this.item = item;
        }
    }

    private static final VarHandle TAIL;

    static {
        try {
            TAIL = MethodHandles.lookup().findVarHandle(Mailbox.class, "tail", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Consumer-owned; the last node taken from the inbox (its item already handed out). */
    private Node head;
    /** Written by senders with getAndSet; the last node put. */
    private volatile Node tail;

    /** Receiver-owned save queue (singly linked through {@code Node.next}). */
    private Node savedHead;
    private Node savedTail;
    /** Receiver writes, anyone reads: how many messages the save queue holds. */
    private volatile int savedCount;

    Mailbox() {
        Node stub = new Node(null);
        head = stub;
        tail = stub;
    }

    /** Appends a message. Any thread. */
    void put(Object message) {
        Node node = new Node(message);
        Node prev = (Node) TAIL.getAndSet(this, node);
        prev.next = node;
    }

    /** True when no sender has put a message the receiver has not yet polled. Owner only. */
    boolean isEmpty() {
        return tail == head;
    }

    /**
     * Takes the next inbox message, or null when none is visible yet (see {@link #isEmpty}
     * for the window in which a put is under way). Owner only.
     */
    Object poll() {
        Node next = head.next;
        if (next == null) {
            return null;
        }
        head = next;
        Object item = next.item;
        next.item = null;
        return item;
    }

    /** Keeps a message the current receive did not take, after those already kept. Owner only. */
    void save(Object message) {
        Node node = new Node(message);
        if (savedTail == null) {
            savedHead = node;
        } else {
            savedTail.next = node;
        }
        savedTail = node;
        savedCount = savedCount + 1;
    }

    /** Removes and returns the first kept message that matches, or null. Owner only. */
    Object takeSaved(Predicate<Object> pattern) {
        Node prev = null;
        for (Node n = savedHead; n != null; prev = n, n = n.next) {
            if (pattern == null || pattern.test(n.item)) {
                Node next = n.next;
                if (prev == null) {
                    savedHead = next;
                } else {
                    prev.next = next;
                }
                if (n == savedTail) {
                    savedTail = prev;
                }
                savedCount = savedCount - 1;
                return n.item;
            }
        }
        return null;
    }

    boolean hasSaved() {
        return savedHead != null;
    }

    /** Messages waiting: kept ones plus the inbox. See the class comment for when it is exact. */
    int size() {
        int n = savedCount;
        Node stop = tail;
        for (Node p = head; p != stop; ) {
            Node next = p.next;
            if (next == null) {
                break;
            }
            n++;
            p = next;
        }
        return n;
    }

    /** Drops every message, when the owner has died; the caller holds the mailbox's monitor, standing in for the owner. */
    void clear() {
        savedHead = savedTail = null;
        savedCount = 0;
        while (poll() != null || !isEmpty()) {
            Thread.onSpinWait();
        }
    }
}
