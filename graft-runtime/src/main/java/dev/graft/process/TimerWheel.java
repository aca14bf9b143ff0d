package dev.graft.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A node's timers: the timeouts of receives (and so of calls and {@link Proc#sleep}) and
 * {@link Proc#sendAfter}'s. A hashed wheel of {@value #BUCKETS} one-millisecond buckets, as
 * Erlang's own timer wheel: arming a timer is a push onto a lock-free stack, cancelling it is
 * clearing a flag, and one daemon thread per node, started on first use and ended after a
 * second without timers, ticks the wheel and finds the expired ones.
 *
 * <h2>Implementation overview</h2>
 *
 * <h3>Timers stay in the wheel</h3>
 * A {@link Timer} records its deadline and whether it is {@code armed}; the wheel holds it from
 * the push until a visit of its bucket finds it disarmed. Only the ticking thread touches the
 * buckets. Each visit re-reads the deadline: one further off than the wheel's span (or moved
 * later since it was placed) goes back into the bucket of its tick, to be looked at again a
 * rotation later, so any timeout fits. A process's receive timer is one object it arms again
 * and again ({@link ReceiveTimeout}): a call that re-arms it while the wheel still holds it
 * writes two fields and pushes nothing. A held timer is never moved earlier (the wheel would
 * look at it too late): an earlier deadline takes a new timer. Between visits the ticking
 * thread sleeps until the first tick whose bucket holds timers, not every tick.
 *
 * <h3>Placement</h3>
 * {@code placed} says whether the wheel holds the timer (on the stack of new ones, in a bucket or
 * in the queue of expired ones). Arming writes {@code armed} and then reads {@code placed}; the
 * wheel, letting a timer go, clears {@code placed} and then reads {@code armed}: both write
 * before they read, so at least one sees the other, and a CAS on {@code placed} lets exactly one
 * of them push it back. No arming is lost, and no timer is held twice.
 *
 * <h3>Firing on a carrier</h3>
 * Each tick, expired timers go, sorted by deadline, into a queue, and the first process about to
 * park ({@link ProcessCell}) fires them from its carrier: the process a timer wakes then joins
 * that carrier's own queue. Woken from the ticking thread instead, it would wait in the JDK
 * scheduler's shared queue, which carriers kept busy by processes waking one another read only
 * when their own queues run dry: timeouts could be late by seconds under load. So processes
 * look for expired timers at every receive and before every park. When the JVM left the
 * processors time to spare since the ticking thread last looked ({@link ProcessorLoad}), the
 * carriers are idle and serve the ticking thread's wake-ups at once, so it fires the timers
 * itself, as soon as they expire. When the JVM kept them busy it leaves them to the processes
 * for {@link #GRACE_NANOS}, and fires only what none took by then: the ticking thread and the
 * processes that would take its timers then run only in the operating system's time slices (a
 * tenth of a millisecond was seen to pass before any of them looked). Firing is
 * serialized, so timers fire in the order of their deadlines (those of equal deadlines, from
 * one process, in the order armed).
 *
 * <p>Thread-safety: {@link #add} and {@link #fireExpired} from any thread.
 */
final class TimerWheel implements Runnable {
    static final long TICK_NANOS = 1_000_000L;
    static final int BUCKETS = 512;
    private static final int MASK = BUCKETS - 1;
    /**
     * How long expired timers wait for a process to fire them, when the JVM keeps the
     * processors busy, before the ticking thread does: a few of the operating system's time slices.
     */
    static final long GRACE_NANOS = 5_000_000L;

    /** How long the ticking thread waits for new timers, once it has none, before it ends. */
    private static final long LINGER_NANOS = 1_000_000_000L;

    /**
     * Something that expires at {@code deadline} unless disarmed first. Subclasses say what
     * expiring does; {@code armed} is taken by one CAS, by whichever of expiry and the owner's
     * cancel comes first.
     */
    abstract static class Timer {
        private static final VarHandle ARMED;
        private static final VarHandle PLACED;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                ARMED = l.findVarHandle(Timer.class, "armed", boolean.class);
                PLACED = l.findVarHandle(Timer.class, "placed", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** When it expires, by {@link System#nanoTime}; written before {@code armed} is set. */
        volatile long deadline;
        /** Whether it still waits to expire. */
        volatile boolean armed;
        /** Whether the wheel holds it (see the class comment of {@link TimerWheel}). */
        private volatile boolean placed;
        /** The next timer on the stack of new ones or in a bucket; written by whoever holds the timer there. */
        private Timer next;

        /** Takes the arming: true for the one caller that disarms it (the expiry, or a cancel). */
        final boolean disarm() {
            return armed && ARMED.compareAndSet(this, true, false);
        }

        /** What expiring does; called once per arming, by the one that fires it. */
        abstract void expire();

        private boolean place() {
            return !placed && PLACED.compareAndSet(this, false, true);
        }
    }

    private static final VarHandle INCOMING;
    private static final VarHandle STATE;
    private static final VarHandle FIRING;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            INCOMING = l.findVarHandle(TimerWheel.class, "incoming", Timer.class);
            STATE = l.findVarHandle(TimerWheel.class, "state", int.class);
            FIRING = l.findVarHandle(TimerWheel.class, "firing", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int IDLE = 0;      // no ticking thread
    private static final int TICKING = 1;   // a ticking thread runs, or is being started
    private static final int STOPPED = 2;

    private final String nodeName;
    /** Timers pushed since the ticking thread last looked, newest first. */
    @SuppressWarnings("unused") // through INCOMING
    private volatile Timer incoming;
    /** Expired timers, in the order they are to fire. */
    private final ConcurrentLinkedQueue<Timer> expired = new ConcurrentLinkedQueue<>();
    /** Held by whoever fires expired timers. */
    @SuppressWarnings("unused") // through FIRING
    private volatile boolean firing;
    private volatile int state = IDLE;
    private volatile Thread ticker;
    /** When the ticking thread will next look, by {@link System#nanoTime}; an earlier timer wakes it. */
    private volatile long wakeAt;

    // Owned by the ticking thread.
    private final Timer[] heads = new Timer[BUCKETS];
    private final Timer[] tails = new Timer[BUCKETS];
    private final long origin = System.nanoTime();
    /** When the ticking thread fires the expired timers that no process has taken. */
    private long fireBy;
    private final ProcessorLoad load = new ProcessorLoad();
    /** The last tick whose bucket was visited. */
    private long visited = -1;
    /** Timers in buckets. */
    private int held;
    private final ArrayList<Timer> due = new ArrayList<>();
    private final Comparator<Timer> byDeadline = Comparator.comparingLong(t -> t.deadline - origin);

    TimerWheel(String nodeName) {
        this.nodeName = nodeName;
    }

    /**
     * Makes the wheel hold {@code timer}, armed by the caller, unless it already does: then the
     * wheel reads its new deadline at its next visit.
     */
    void add(Timer timer) {
        if (!timer.place()) {
            return;
        }
        Timer head;
        do {
            head = incoming;
            timer.next = head;
        } while (!INCOMING.compareAndSet(this, head, timer));
        if (state != TICKING) {
            startTicking();
        } else if (timer.deadline - wakeAt < 0) {
            LockSupport.unpark(ticker);
        }
    }

    private void startTicking() {
        if (STATE.compareAndSet(this, IDLE, TICKING)) {
            Thread t = Thread.ofPlatform().daemon().name("graft-timers-" + nodeName).unstarted(this);
            ticker = t;
            t.start();
        } else if (state == TICKING) {
            LockSupport.unpark(ticker); // it may be ending: it looks at new timers once more first
        }
    }

    /** Whether expired timers wait to be fired; a hint, for a process about to park. */
    boolean hasExpired() {
        return !expired.isEmpty();
    }

    /** Fires the expired timers, in order, unless another thread is firing them. */
    void fireExpired() {
        while (!expired.isEmpty() && FIRING.compareAndSet(this, false, true)) {
            try {
                long now = System.nanoTime();
                for (Timer t; (t = expired.poll()) != null; ) {
                    if (t.deadline - now <= 0 && t.disarm()) {
                        t.expire();
                    }
                    let(t);
                }
            } finally {
                firing = false;
            }
        }
    }

    /** Lets a timer go; if it was armed again meanwhile, it is pushed back. */
    private void let(Timer t) {
        t.placed = false;
        if (t.armed) {
            add(t);
        }
    }

    /** Stops the ticking thread; timers armed afterwards never fire. */
    void shutdown() {
        state = STOPPED;
        Thread t = ticker;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    // ---- the ticking thread ----

    @Override
    public void run() {
        long idleSince = System.nanoTime();
        visited = tickOf(idleSince);
        while (state != STOPPED) {
            long now = System.nanoTime();
            if (hasExpired() && now - fireBy >= 0) {
                fireExpired(); // what no process took in time
            }
            Timer fresh = (Timer) INCOMING.getAndSet(this, null);
            for (Timer t = reverse(fresh); t != null; ) {
                Timer next = t.next;
                visit(t, now);
                t = next;
            }
            long tick = tickOf(now);
            long from = Math.max(visited + 1, tick - MASK); // a full rotation visits every bucket
            for (long k = from; k <= tick; k++) {
                visited = k;
                visitBucket(k, now);
            }
            visited = tick;
            visitBucket(tick + 1, now); // its timers due already: with those new ones that are, in one sorted batch
            if (!due.isEmpty()) {
                due.sort(byDeadline); // stable: arming order within a deadline
                expired.addAll(due);
                due.clear();
                if (load.saturated()) {
                    fireBy = now + GRACE_NANOS;
                } else {
                    fireExpired(); // the carriers are idle: they serve these wake-ups at once
                }
            }
            if (held > 0 || !expired.isEmpty()) {
                idleSince = now;
            } else if (now - idleSince >= LINGER_NANOS && end()) {
                return;
            }
            long next = hasExpired() ? fireBy
                    : held > 0 ? origin + firstHeldTick(tick) * TICK_NANOS : idleSince + LINGER_NANOS;
            wakeAt = next;
            if (incoming == null && state != STOPPED) {
                LockSupport.parkNanos(this, next - System.nanoTime());
            }
        }
    }

    /** Ends the ticking thread if no timer came meanwhile; false if one did. */
    private boolean end() {
        if (!STATE.compareAndSet(this, TICKING, IDLE)) {
            return true; // stopped
        }
        return incoming != null ? !STATE.compareAndSet(this, IDLE, TICKING) : true;
    }

    private void visitBucket(long k, long now) {
        int b = (int) (k & MASK);
        Timer t = heads[b];
        heads[b] = tails[b] = null;
        while (t != null) {
            Timer next = t.next;
            held--;
            visit(t, now);
            t = next;
        }
    }

    /**
     * Puts a held timer where it belongs: let go, expired, or in the bucket of the first tick
     * after its deadline, so that every timer due by now is in a visited bucket or the next one.
     */
    private void visit(Timer t, long now) {
        if (!t.armed) {
            let(t);
            return;
        }
        long left = t.deadline - now;
        if (left <= 0) {
            due.add(t);
            return;
        }
        long target = left > (long) BUCKETS * TICK_NANOS
                ? tickOf(now) + BUCKETS // farther ones come round again
                : Math.floorDiv(t.deadline - origin, TICK_NANOS) + 1;
        int b = (int) (Math.max(target, visited + 1) & MASK);
        t.next = null;
        if (tails[b] == null) {
            heads[b] = t;
        } else {
            tails[b].next = t;
        }
        tails[b] = t;
        held++;
    }

    /**
     * The first tick after {@code tick} whose bucket holds timers: the wheel sleeps until then,
     * as no timer it holds is due sooner (a timer is only ever re-armed later, see {@link
     * ReceiveTimeout#arm}, and new ones wake it if due sooner). Some bucket holds one.
     */
    private long firstHeldTick(long tick) {
        long k = tick + 1;
        while (heads[(int) (k & MASK)] == null) {
            k++;
        }
        return k;
    }

    private long tickOf(long nanos) {
        return (nanos - origin) / TICK_NANOS;
    }

    private static Timer reverse(Timer t) {
        Timer r = null;
        while (t != null) {
            Timer next = t.next;
            t.next = r;
            r = t;
            t = next;
        }
        return r;
    }
}
