package dev.graft.process;

import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One process: a virtual thread, its mailbox, and the signal state that links, monitors and
 * exit signals act on. {@link Pid} is its public face; {@link Proc} its API.
 *
 * <h2>Implementation overview</h2>
 *
 * <h3>Signals are handled by the sender, under the receiver's lock</h3>
 * Erlang handles a signal when the receiver takes it from its queue. Graft handles it when it
 * is sent, holding the receiver's monitor: the receiver's link set, monitors, trap-exit flag
 * and liveness are all guarded by that lock, so a signal meets exactly the state that its
 * receiver's own calls (link, trapExit, death) left, in one total order per receiver. What
 * Erlang observes is kept:
 * <ul>
 *   <li>an exit signal turned into an {@link Exit} message is put in the mailbox behind every
 *       message the same sender sent before it, as in Erlang's per-pair ordering;</li>
 *   <li>an exit signal that kills is recorded in {@code pendingExit}; the process dies at its
 *       next runtime call (receive, send, spawn, link, sleep, yield) and, if it is blocked in
 *       one, it is woken to die at once. Code that is not in a runtime call is never
 *       interrupted (DESIGN decision 4).</li>
 * </ul>
 *
 * <h3>Death</h3>
 * {@link #terminate} marks the cell dead under its lock and takes its links, monitors and name
 * in the same step, so any link or monitor set up concurrently either saw the process alive (and
 * is in the sets taken) or saw it dead (and reported {@code noproc}). Only then are links
 * signalled and monitors told, after the process has left the node's table and registry.
 *
 * <h3>Waking</h3>
 * {@code state} is RUNNING, WAITING (parked in a receive or while suspended) or DONE. A
 * receiver publishes WAITING, re-checks its inbox and pending exit, and parks; a sender puts
 * and then, if it reads WAITING, CASes it to RUNNING and unparks. Both sides write then read
 * volatiles, so at least one sees the other: no wake-up is lost, and a sender unparks only a
 * receiver that waits.
 *
 * <h3>Idle, and claimed</h3>
 * A behaviour loop waiting for any message without a timeout ({@link LoopReceive#receive(
 * Predicate, long, Object)}) publishes IDLE instead of WAITING, with the loop object it waits
 * for. Another thread may then CAS IDLE to CLAIMED ({@link #claimIdle}) and act on the loop
 * object as the process ({@link IdleClaim}): the process cannot run until the claim is released,
 * because it leaves its park only by CASing WAITING or IDLE to RUNNING ({@link #runAgain}),
 * and waits out a CLAIMED. A waker finds CLAIMED and does nothing; the release, which writes
 * IDLE and then reads the inbox, pending exit, queries and whether the owner waits for it,
 * wakes the owner if any says so. The claim's CAS and the release's write order the owner's
 * actions before the claim, the claimer's, and the owner's after it.
 */
final class ProcessCell implements Runnable {
    /**
     * The process the current thread runs, or the {@link IdleClaim} it acts for, or its scope of
     * {@link IdleClaims}; typed Object so that one lookup with a sentinel answers "none".
     */
    private static final ScopedValue<Object> CURRENT = ScopedValue.newInstance();
    private static final Object NONE = new Object();

    private static final System.Logger LOG = System.getLogger("dev.graft.process");

    static final int RUNNING = 0;
    static final int WAITING = 1;
    static final int DONE = 2;
    /** WAITING in a loop's receive for any message, for ever: another thread may claim the process. */
    static final int IDLE = 3;
    /** IDLE, and claimed by another thread, which acts for the process until it releases it. */
    static final int CLAIMED = 4;

    private static final VarHandle STATE;
    private static final VarHandle QUERIES;
    private static final StackWalker FRAMES = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final ClassLoader APP = ClassLoader.getSystemClassLoader();
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    /** Spins of {@link #spinForMessage} before a receive parks. */
    static final int SPINS = Integer.getInteger("graft.receive.spins", 64);
    /** Parks in a row that may follow a spin in vain before a process stops spinning. */
    static final int SPIN_CREDIT = 4;
    /** Once it has stopped, a process spins again before one park in this many, to notice when spinning pays again. */
    static final int SPIN_PROBE = 32;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ProcessCell.class, "state", int.class);
            QUERIES = MethodHandles.lookup().findVarHandle(ProcessCell.class, "queries", StackQuery.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Node node;
    final Pid pid;
    final Mailbox mailbox = new Mailbox();
    private final ProcessFunction function;
    private final Thread thread;

    /**
     * Written by the owner (RUNNING, WAITING, IDLE, DONE), by wakers (WAITING or IDLE to RUNNING)
     * and by a claimer (IDLE to CLAIMED and back).
     */
    private volatile int state;
    /** The reason of the first exit signal that kills this process; set once, under the lock. */
    private volatile Object pendingExit;
    /** Outstanding {@link Proc#suspendProcess} calls; written under the lock. */
    private volatile int suspendCount;
    /** Stack queries waiting for this process to answer them; pushed by CAS, taken by the owner. */
    private volatile StackQuery queries;
    /**
     * The class loaders on this process's stack, recorded by a stack walk inside the receive it
     * is still in; null when unknown. Written by the owner only.
     */
    private volatile ClassLoader[] stackCache;
    /**
     * Owner only. How many more parks may follow a spin in vain ({@link #spinForMessage}): reset
     * when a spin catches a message, worn down by each that does not. Under load, with other
     * processes queued before the sender's reply on the carriers, spins do not pay and the
     * process stops burning its carrier on them.
     */
    private int spinCredit = SPIN_CREDIT;
    /** Owner only. Parks without a spin since spinning stopped paying. */
    private int parksWithoutSpin;
    /** Owner only (expired by the wheel). The timeout of this process's receives, made at its first timed wait. */
    private ReceiveTimeout timeout;
    /**
     * What a claimer of this process acts on: the loop object of the receive it waits IDLE in.
     * Written by the owner before it publishes IDLE, read by a claimer after its CAS.
     */
    private Object idleLoop;
    /** The owner waits for a claim on it to be released: the release must unpark it. */
    private volatile boolean awaitingRelease;
    /** Set by {@link #terminate} once links and monitors have been told of the death. */
    private volatile boolean signalsSent;

    // Guarded by this.
    private boolean dead;
    private boolean trapExit;
    private HashSet<ProcessCell> links;
    /** Monitors this process holds: ref to the monitored process. */
    private HashMap<Ref, ProcessCell> monitors;
    /** Monitors on this process: ref to the watching process. */
    private HashMap<Ref, ProcessCell> monitoredBy;
    /** One entry per suspend this process has made, and that it takes back when it dies. */
    private ArrayList<ProcessCell> suspending;
    /** One entry per suspend of this process, by the suspender. */
    private ArrayList<ProcessCell> suspenders;
    String registeredName;
    /** Where {@link Io} prints; inherited from the spawner. Written and read by the owner only (and its spawner before start). */
    PrintStream out;
    /**
     * The process whose group this one belongs to, or null for none (Erlang's group leader):
     * inherited from the spawner, set by {@link Proc#groupLeader(Pid, Pid)} from any process.
     */
    volatile Pid groupLeader;

    ProcessCell(Node node, long id, ProcessFunction function, ProcessCell parent, PrintStream nodeOutput) {
        this.node = node;
        this.pid = new Pid(this, id);
        this.function = function;
        this.out = parent != null ? parent.out : nodeOutput;
        this.groupLeader = parent != null ? parent.groupLeader : null;
        this.thread = node.newThread(this);
    }

    /** The process the calling thread runs, or null outside any process. */
    static ProcessCell current() {
        Object c = CURRENT.orElse(NONE);
        if (c instanceof ProcessCell cell) {
            return cell;
        }
        if (c == NONE) {
            return null;
        }
        IdleClaim acting = c instanceof IdleClaims claims ? claims.acting : (IdleClaim) c;
        if (acting == null) {
            return ((IdleClaims) c).self; // in a scope for claims, between two
        }
        throw acting.refuseRuntimeCall();
    }

    /**
     * The process the calling thread runs or, inside {@link IdleClaim#runAs}, acts for; null
     * outside any process.
     */
    static ProcessCell identity() {
        Object c = CURRENT.orElse(NONE);
        if (c instanceof IdleClaims claims) {
            return claims.acting != null ? claims.acting.cell : claims.self;
        }
        return c instanceof IdleClaim claim ? claim.cell : c == NONE ? null : (ProcessCell) c;
    }

    /**
     * Runs {@code body} with {@code claim} as the calling thread's process: see {@link #current}.
     * In a scope of {@link IdleClaims}, by setting the scope's claim rather than binding anew.
     */
    static <T> T actingFor(IdleClaim claim, Supplier<T> body) {
        if (CURRENT.orElse(NONE) instanceof IdleClaims claims && claims.acting == null) {
            claims.acting = claim;
            try {
                return body.get();
            } finally {
                claims.acting = null;
            }
        }
        return ScopedValue.where(CURRENT, (Object) claim).<T, RuntimeException>call(body::get);
    }

    /** Binds {@code claims} as the calling thread's identity for {@code body}. */
    static <T> T withClaims(IdleClaims claims, Supplier<T> body) {
        return ScopedValue.where(CURRENT, (Object) claims).<T, RuntimeException>call(body::get);
    }

    void start() {
        thread.start();
    }

    /** The thread's entry: binds the process to the thread, then runs it. */
    @Override
    public void run() {
        ScopedValue.where(CURRENT, this).run(this::execute);
    }

    private void execute() {
        Object reason = Reason.NORMAL;
        try {
            checkSignals();
            function.run();
        } catch (ProcessExit e) {
            reason = e.reason();
        } catch (Throwable t) {
            reason = t;
            if (pendingExit == null) {
                LOG.log(System.Logger.Level.ERROR,
                        () -> "Error in process " + pid + " (" + initialCall() + ") with exit value: " + t, t);
            }
        } finally {
            Object pending = pendingExit;
            terminate(pending != null ? pending : reason);
        }
    }

    // ---- runtime points (owner only) ----

    /** Dies now if an exit signal said so; waits here while suspended. */
    void checkSignals() {
        if (queries != null) {
            answerQueries(false);
        }
        Object exit = pendingExit;
        if (exit != null) {
            throw new ProcessExit(exit);
        }
        if (suspendCount > 0) {
            awaitResume();
        }
    }

    private void awaitResume() {
        while (suspendCount > 0 && pendingExit == null) {
            state = WAITING;
            if (suspendCount > 0 && pendingExit == null && queries == null) {
                LockSupport.park(this);
            }
            state = RUNNING;
            if (queries != null) {
                answerQueries(false);
            }
        }
        Object exit = pendingExit;
        if (exit != null) {
            throw new ProcessExit(exit);
        }
    }

    /**
     * Selective receive: the first message that {@code pattern} accepts (any, if null), taking
     * kept messages before new ones; others stay in the mailbox in order.
     *
     * @param timeoutNanos negative for no timeout; 0 to look only at what is already there
     * @return the message, or null when the timeout passed first
     */
    Object receive(Predicate<Object> pattern, long timeoutNanos) {
        return receive(pattern, timeoutNanos, false, true);
    }

    /**
     * A receive whose caller vouches that no module code is on the stack below it (the loop of
     * a behaviour the runtime started): stack queries are answered from that, without a walk
     * and without waking the process. Without {@code spin} it parks at once when nothing has
     * come: for waits whose message is not on its way (see {@link #spinForMessage}).
     */
    Object receive(Predicate<Object> pattern, long timeoutNanos, boolean codeFree, boolean spin) {
        return receive(pattern, timeoutNanos, codeFree, spin, null);
    }

    /**
     * The receive of a behaviour loop; with a {@code loop} object and no timeout, the process
     * waits IDLE, and another thread may claim it to act on {@code loop} ({@link #claimIdle}).
     */
    Object receive(Predicate<Object> pattern, long timeoutNanos, boolean codeFree, boolean spin, Object loop) {
        if (codeFree) {
            stackCache = NO_LOADERS;
        }
        idleLoop = timeoutNanos < 0 ? loop : null;
        try {
            return awaitMessage(pattern, timeoutNanos, spin);
        } finally {
            if (timeout != null) {
                timeout.disarm();
            }
            idleLoop = null;
            if (stackCache != null) {
                stackCache = null; // leaving the receive: the stack it described is gone
            }
        }
    }

    private Object awaitMessage(Predicate<Object> pattern, long timeoutNanos, boolean spin) {
        fireExpiredTimers();
        if (queries != null) {
            answerQueries(true);
        }
        checkSignals();
        if (mailbox.hasSaved()) {
            Object kept = mailbox.takeSaved(pattern);
            if (kept != null) {
                return kept;
            }
        }
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0L;
        for (;;) {
            if (suspendCount > 0 || pendingExit != null || queries != null) {
                if (queries != null) {
                    answerQueries(true);
                }
                checkSignals(); // suspended or killed between two messages: stop before taking the next
            }
            Object m = mailbox.poll();
            if (m != null) {
                if (matches(pattern, m)) {
                    return m;
                }
                mailbox.save(m);
                continue;
            }
            if (!mailbox.isEmpty()) {
                Thread.onSpinWait(); // a sender is between its swap and its link
                continue;
            }
            if (timeoutNanos == 0L || (timeoutNanos > 0 && deadline - System.nanoTime() <= 0L)) {
                return null;
            }
            if (spin && spinPays()) {
                if (spinForMessage()) {
                    spinCredit = SPIN_CREDIT;
                    continue;
                }
                spinCredit--;
            }
            if (timeoutNanos > 0 && (timeout == null || !timeout.rearm(deadline))) {
                timeout = new ReceiveTimeout(this, node.timers.wheel, deadline); // see ReceiveTimeout#rearm
            }
            fireExpiredTimers();
            state = idleLoop != null ? IDLE : WAITING;
            if (mailbox.isEmpty() && pendingExit == null && queries == null && (timeoutNanos < 0 || timeout.armed)) {
                LockSupport.park(this);
            }
            runAgain();
            if (queries != null) {
                answerQueries(true);
            }
            checkSignals();
        }
    }

    /**
     * Fires the node's expired timers from this carrier, at each receive and before each park:
     * processes busy waking one another receive all the time, even when they never park, so
     * the timers' wake-ups join a carrier's own queue (see {@link TimerWheel}).
     */
    private void fireExpiredTimers() {
        TimerWheel wheel = node.timers.wheel;
        if (wheel.hasExpired()) {
            wheel.fireExpired();
        }
    }

    /**
     * Leaves a park as RUNNING: a waker may have set it already; else the owner sets it, unless
     * another thread has claimed the process, whose release it then waits for first.
     */
    private void runAgain() {
        for (;;) {
            int s = state;
            if (s == RUNNING) {
                return;
            }
            if (s == CLAIMED) {
                awaitRelease();
            } else if (STATE.compareAndSet(this, s, RUNNING)) {
                return;
            }
        }
    }

    private void awaitRelease() {
        awaitingRelease = true;
        while (state == CLAIMED) {
            LockSupport.park(this);
        }
        awaitingRelease = false;
    }

    // ---- claims (any thread but the owner) ----

    /**
     * Claims this process if it waits IDLE: until {@link #release}, it cannot run, and the caller
     * may act on the loop object it waits for. Null if it does not wait IDLE.
     */
    IdleClaim claimIdle() {
        if (state != IDLE || !STATE.compareAndSet(this, IDLE, CLAIMED)) {
            return null;
        }
        return new IdleClaim(this, idleLoop);
    }

    /** Ends a claim: the process waits IDLE again, woken if something came for it meanwhile. */
    void release() {
        state = IDLE;
        if (awaitingRelease) {
            LockSupport.unpark(thread); // it left its park meanwhile and waits for the release
        } else if (!mailbox.isEmpty() || pendingExit != null || queries != null) {
            wake();
        }
    }

    /** Whether to spin before this park: while spins have paid lately, and now and then after. */
    private boolean spinPays() {
        if (spinCredit > 0) {
            return true;
        }
        if (++parksWithoutSpin < SPIN_PROBE) {
            return false;
        }
        parksWithoutSpin = 0;
        return true;
    }

    private boolean spinForMessage() {
        for (int i = 0; i < SPINS; i++) {
            if (!mailbox.isEmpty() || pendingExit != null || queries != null) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private boolean matches(Predicate<Object> pattern, Object m) {
        if (pattern == null) {
            return true;
        }
        try {
            return pattern.test(m);
        } catch (RuntimeException | Error e) {
            mailbox.save(m); // a failing pattern loses no message
            throw e;
        }
    }

    // ---- stack queries ----

    /** Asks this process, which answers at its next runtime call (waking if it waits). */
    void postQuery(StackQuery q) {
        StackQuery head;
        do {
            head = queries;
            q.next = head;
        } while (!QUERIES.compareAndSet(this, head, q));
        if (state == DONE) {
            answerQueries(false); // it will not: nothing of it is on any stack
        } else {
            wake();
        }
    }

    /**
     * Answers the waiting queries by walking this thread's stack; on the owner (or for a dead
     * process, which has no stack). Inside a receive ({@code inReceive}) the walk also records
     * the stack's class loaders in {@link #stackCache}: the stack cannot change until the
     * receive returns, so while the process waits later queries are answered from the cache
     * without waking it ({@link #cachedRuns}).
     */
    void answerQueries(boolean inReceive) {
        StackQuery q = (StackQuery) QUERIES.getAndSet(this, null);
        if (state == DONE || Thread.currentThread() != thread) {
            for (; q != null; q = q.next) {
                q.answer(false);
            }
            return;
        }
        ClassLoader[] known = stackCache;
        if (inReceive && known != null) {
            for (; q != null; q = q.next) {
                q.answer(contains(known, q.loader));
            }
            return;
        }
        if (inReceive) {
            LoaderSet seen = new LoaderSet();
            FRAMES.forEach(seen);
            ClassLoader[] loaders = seen.toArray();
            stackCache = loaders;
            for (; q != null; q = q.next) {
                q.answer(contains(loaders, q.loader));
            }
            return;
        }
        for (; q != null; q = q.next) {
            ClassLoader loader = q.loader;
            q.answer(FRAMES.walk(frames -> frames.anyMatch(f -> f.getDeclaringClass().getClassLoader() == loader)));
        }
    }

    /** The distinct class loaders of a stack's frames, but the JDK's and the application's. */
    private static final class LoaderSet implements Consumer<StackWalker.StackFrame> {
        private ClassLoader[] loaders = NO_LOADERS;
        private int size;

        @Override
        public void accept(StackWalker.StackFrame f) {
            ClassLoader l = f.getDeclaringClass().getClassLoader();
            if (l == null || l == APP || l == PLATFORM) {
                return;
            }
            for (int i = 0; i < size; i++) {
                if (loaders[i] == l) {
                    return;
                }
            }
            if (size == loaders.length) {
                loaders = Arrays.copyOf(loaders, Math.max(4, size * 2));
            }
            loaders[size++] = l;
        }

        ClassLoader[] toArray() {
            return size == 0 ? NO_LOADERS : Arrays.copyOf(loaders, size);
        }
    }

    private static final ClassLoader[] NO_LOADERS = new ClassLoader[0];

    /**
     * Answers a stack query without waking the process, if it waits in the receive where it
     * last walked its stack: TRUE or FALSE, or null when only the process can tell. Any thread.
     */
    Boolean cachedRuns(ClassLoader loader) {
        if (!parked(state)) {
            return null;
        }
        ClassLoader[] cache = stackCache;
        if (cache == null) {
            return null;
        }
        boolean runs = contains(cache, loader);
        return parked(state) && stackCache == cache ? runs : null;
    }

    private static boolean contains(ClassLoader[] loaders, ClassLoader loader) {
        for (ClassLoader l : loaders) {
            if (l == loader) {
                return true;
            }
        }
        return false;
    }

    // ---- signals from any thread ----

    /** Puts a message in the mailbox; a message to a dead process is dropped. */
    void deliver(Object message) {
        if (state == DONE) {
            return;
        }
        mailbox.put(message);
        if (state == DONE) {
            clearDeadMailbox(); // it died while we put: no one else will take the message out
            return;
        }
        wake();
    }

    /** Empties the mailbox of a dead process; the lock stands in for the owner, which is gone. */
    private void clearDeadMailbox() {
        synchronized (mailbox) {
            mailbox.clear();
        }
    }

    void wake() {
        int s = state;
        if ((s == WAITING || s == IDLE) && STATE.compareAndSet(this, s, RUNNING)) {
            LockSupport.unpark(thread);
        }
    }

    /** Parked in a receive or while suspended, or claimed while idle: its stack is the one it parked with. */
    private static boolean parked(int s) {
        return s == WAITING || s == IDLE || s == CLAIMED;
    }

    /** An exit signal sent by {@code exit(pid, reason)}; {@code from} is null for the node itself. */
    void exitSignal(Pid from, Object reason) {
        synchronized (this) {
            if (dead) {
                return;
            }
            if (reason == Reason.KILL) {
                raise(Reason.KILLED);
            } else {
                receiveExit(from, reason);
            }
        }
    }

    /** The exit signal a linked process sends as it dies; ignored if the link is gone. */
    private void linkedExit(ProcessCell from, Object reason) {
        synchronized (this) {
            if (!dead && links != null && links.remove(from)) {
                receiveExit(from.pid, reason);
            }
        }
    }

    /** Erlang's rules for a trappable exit signal. Holds the lock. */
    private void receiveExit(Pid from, Object reason) {
        if (trapExit) {
            deliver(new Exit(from, reason));
        } else if (reason != Reason.NORMAL || from == pid) {
            raise(reason);
        }
    }

    /** Makes the process die with {@code reason} at its next runtime call. Holds the lock. */
    private void raise(Object reason) {
        if (pendingExit == null) {
            pendingExit = reason;
            wake();
        }
    }

    // ---- links and monitors (called by the owner, on itself) ----

    void link(ProcessCell other) {
        if (other == this) {
            return;
        }
        boolean alive;
        ProcessCell first = pid.compareTo(other.pid) < 0 ? this : other; // a total order, across nodes too
        ProcessCell second = first == this ? other : this;
        synchronized (first) {
            synchronized (second) {
                alive = !other.dead;
                if (alive) {
                    linksOf(this).add(other);
                    linksOf(other).add(this);
                }
            }
        }
        if (!alive) {
            other.awaitSignalsSent();
            synchronized (this) {
                if (trapExit) {
                    deliver(new Exit(other.pid, Reason.NOPROC));
                    return;
                }
            }
            throw new ProcessExit(Reason.NOPROC); // Erlang's error noproc: the caller may catch it
        }
    }

    private static HashSet<ProcessCell> linksOf(ProcessCell cell) {
        if (cell.links == null) {
            cell.links = new HashSet<>(4);
        }
        return cell.links;
    }

    void unlink(ProcessCell other) {
        ProcessCell first = pid.compareTo(other.pid) < 0 ? this : other; // a total order, across nodes too
        ProcessCell second = first == this ? other : this;
        synchronized (first) {
            synchronized (second) {
                if (links != null) {
                    links.remove(other);
                }
                if (other.links != null) {
                    other.links.remove(this);
                }
            }
        }
    }

    /** Links a child that has not started yet: no lock can be contended but the parent's. */
    void linkUnstarted(ProcessCell child) {
        synchronized (this) {
            linksOf(this).add(child);
            linksOf(child).add(this);
        }
    }

    Ref monitor(ProcessCell target) {
        Ref ref = node.newRef();
        if (target == this) {
            return ref; // as Erlang: monitoring oneself sets no monitor, and no Down ever comes
        }
        synchronized (this) {
            if (monitors == null) {
                monitors = new HashMap<>(4);
            }
            monitors.put(ref, target);
        }
        boolean alive;
        synchronized (target) {
            alive = !target.dead;
            if (alive) {
                if (target.monitoredBy == null) {
                    target.monitoredBy = new HashMap<>(4);
                }
                target.monitoredBy.put(ref, this);
            }
        }
        if (!alive) {
            target.awaitSignalsSent();
            monitorDown(ref, target.pid, Reason.NOPROC);
        }
        return ref;
    }

    /** Removes a monitor this process holds; true if it was still active. */
    boolean demonitor(Ref ref) {
        ProcessCell target;
        synchronized (this) {
            target = monitors == null ? null : monitors.remove(ref);
        }
        if (target == null) {
            return false;
        }
        synchronized (target) {
            if (target.monitoredBy != null) {
                target.monitoredBy.remove(ref);
            }
        }
        return true;
    }

    private void monitorDown(Ref ref, Pid of, Object reason) {
        synchronized (this) {
            if (!dead && monitors != null && monitors.remove(ref) != null) {
                deliver(new Down(ref, of, reason));
            }
        }
    }

    private void forgetWatcher(Ref ref) {
        synchronized (this) {
            if (monitoredBy != null) {
                monitoredBy.remove(ref);
            }
        }
    }

    boolean trapExit(boolean on) {
        synchronized (this) {
            boolean old = trapExit;
            trapExit = on;
            return old;
        }
    }

    // ---- suspend_process / resume_process ----

    /** Suspends {@code target} on behalf of this process; false if the target is dead. */
    boolean suspend(ProcessCell target) {
        synchronized (target) {
            if (target.dead) {
                return false;
            }
            if (target.suspenders == null) {
                target.suspenders = new ArrayList<>(2);
            }
            target.suspenders.add(this);
            target.suspendCount = target.suspendCount + 1;
        }
        synchronized (this) {
            if (suspending == null) {
                suspending = new ArrayList<>(2);
            }
            suspending.add(target);
        }
        return true;
    }

    /**
     * Takes back one suspend of {@code target} made by this process; false if it made none or
     * the target has died since (Erlang's badarg in both cases).
     */
    boolean resume(ProcessCell target) {
        synchronized (this) {
            if (suspending == null || !suspending.remove(target)) {
                return false;
            }
        }
        return target.resumedBy(this);
    }

    /** True if this process was alive and held a suspend by {@code suspender}, now taken back. */
    private boolean resumedBy(ProcessCell suspender) {
        synchronized (this) {
            if (dead || suspenders == null || !suspenders.remove(suspender)) {
                return false;
            }
            suspendCount = suspendCount - 1;
        }
        LockSupport.unpark(thread);
        return true;
    }

    // ---- death ----

    private void terminate(Object reason) {
        HashSet<ProcessCell> linked;
        HashMap<Ref, ProcessCell> held;
        HashMap<Ref, ProcessCell> watchers;
        ArrayList<ProcessCell> suspended;
        String name;
        synchronized (this) {
            dead = true;
            linked = links;
            held = monitors;
            watchers = monitoredBy;
            suspended = suspending;
            name = registeredName;
            links = null;
            monitors = null;
            monitoredBy = null;
            suspending = null;
            suspenders = null;
            registeredName = null;
        }
        state = DONE;
        if (name != null) {
            node.registry.release(name, this);
        }
        node.removeProcess(this);
        if (linked != null) {
            for (ProcessCell l : linked) {
                l.linkedExit(this, reason);
            }
        }
        if (watchers != null) {
            for (Map.Entry<Ref, ProcessCell> w : watchers.entrySet()) {
                w.getValue().monitorDown(w.getKey(), pid, reason);
            }
        }
        if (held != null) {
            for (Map.Entry<Ref, ProcessCell> m : held.entrySet()) {
                m.getValue().forgetWatcher(m.getKey());
            }
        }
        if (suspended != null) {
            for (ProcessCell s : suspended) {
                s.resumedBy(this);
            }
        }
        signalsSent = true;
        if (function instanceof ExitObserver observer) {
            observer.exited(reason);
        }
        clearDeadMailbox();
        if (queries != null) {
            answerQueries(false);
        }
    }

    /**
     * Waits, briefly, until this dead process has sent its exit signals to its links and
     * monitors: a signal about it made afterwards (a Down or Exit with noproc) must arrive
     * after them, as Erlang orders the signals of one sender. The dying process is between two
     * lines of {@link #terminate}. The wait is a timed park, not {@link Thread#yield}: the dying
     * process may be queued as an external submission (woken from a monitor it waited for), which
     * carriers kept busy by yielding threads would never reach (see {@link Proc#yield}).
     */
    private void awaitSignalsSent() {
        while (!signalsSent) {
            LockSupport.parkNanos(1_000L);
        }
    }

    // ---- inspection (any thread) ----

    /** What the process was spawned to run: {@code Module.function/arity} (what the body's {@code toString} says), or a lambda's class. */
    String initialCall() {
        String name = function.getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        return lambda < 0 ? function.toString() : name.substring(0, lambda) + " (lambda)";
    }

    boolean isAlive() {
        return state != DONE;
    }

    Thread thread() {
        return thread;
    }

    /** Null once the process is dead. */
    ProcessInfo info() {
        int s = state; // read before the mailbox: see Mailbox.size
        ProcessInfo.Status status;
        int queued;
        Optional<String> name;
        List<Pid> linked;
        List<Pid> watching;
        List<Pid> watchers;
        boolean traps;
        synchronized (this) {
            if (dead) {
                return null;
            }
            if (pendingExit != null) {
                status = ProcessInfo.Status.EXITING;
            } else if (suspendCount > 0) {
                status = ProcessInfo.Status.SUSPENDED;
            } else if (parked(s)) {
                status = ProcessInfo.Status.WAITING;
            } else {
                status = ProcessInfo.Status.RUNNING;
            }
            queued = mailbox.size();
            name = Optional.ofNullable(registeredName);
            linked = pids(links);
            watching = pids(monitors == null ? null : monitors.values());
            watchers = pids(monitoredBy == null ? null : monitoredBy.values());
            traps = trapExit;
        }
        // The stack is read without the lock: the process may be waiting for it.
        return new ProcessInfo(pid, status, queued, name, linked, watching, watchers, traps, initialCall(),
                currentModule(), Optional.ofNullable(groupLeader));
    }

    /**
     * The module version the process is executing: the class loader name, {@code module@vsn}, of
     * the innermost frame of a loaded module (any named loader other than the JDK's), read from
     * its stack: a stack walk, for inspection only.
     */
    private Optional<String> currentModule() {
        StackTraceElement[] frames = Thread.currentThread() == thread
                ? new Throwable().getStackTrace() : thread.getStackTrace();
        for (StackTraceElement f : frames) {
            String loader = f.getClassLoaderName();
            if (loader != null && !loader.equals("app") && !loader.equals("platform")) {
                return Optional.of(loader);
            }
        }
        return Optional.empty();
    }

    private static List<Pid> pids(Collection<ProcessCell> cells) {
        if (cells == null) {
            return List.of();
        }
        return cells.stream().map(c -> c.pid).sorted().toList();
    }

    /** Whether the process has died; the caller holds this cell's lock. */
    boolean isDeadLocked() {
        return dead;
    }

    @Override
    public String toString() {
        return pid.toString();
    }
}
