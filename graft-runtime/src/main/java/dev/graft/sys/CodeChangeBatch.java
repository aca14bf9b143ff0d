package dev.graft.sys;

import dev.graft.code.ModuleVersion;
import dev.graft.gen.Gen;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Changes the code of many behaviour processes as one transaction (DESIGN decision 6): what
 * OTP's release handler does with suspend, change_code and resume, in one message per process
 * and with a point of no return that is a single write.
 *
 * <ol>
 *   <li>{@link #prepare}: each process, at its next message, computes its new state for the
 *       target version — its {@code codeChange} runs in the process, on a state not yet
 *       installed — and holds it, handling only system messages from then on;</li>
 *   <li>{@link #commit}: one volatile write decides; each process installs its new state and
 *       the target's code before its next message. A process that waits idle is not woken:
 *       only those that received messages while holding are nudged;</li>
 *   <li>or {@link #abort}: each process drops what it prepared and goes on with its old state
 *       and code, as if nothing had happened.</li>
 * </ol>
 *
 * <p>Thread-safety: the decision is written once by the coordinator; processes read it. A
 * process that defers a message while undecided registers for a nudge, then reads the decision
 * again, so a decision made in between is never missed.
 */
public final class CodeChangeBatch {
    private static final int UNDECIDED = 0;
    private static final int COMMITTED = 1;
    private static final int ABORTED = 2;

    final ModuleVersion target;
    final Object oldVsn;
    final Object extra;
    private final List<Pid> processes;
    /** Per process, by index: null until it answered, then PREPARED or the reason it failed. */
    private final AtomicReferenceArray<Object> answers;
    private final CountDownLatch answered;
    private final ConcurrentLinkedQueue<Pid> toNudge = new ConcurrentLinkedQueue<>();
    private volatile int decision = UNDECIDED;

    private static final Object PREPARED = new Object();
    /**
     * How often a prepare that is still waiting looks whether answers stopped coming, and then
     * for processes that died: a look at every process asked (a millisecond for 100,000), not
     * worth taking while answers come in.
     */
    private static final long CHECK_THE_DEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Sent to a process that deferred a message while holding, once the batch is decided. */
    static final SystemMessage NUDGE = new SystemMessage(null, new SystemRequest.Nudge());

    private CodeChangeBatch(List<Pid> processes, ModuleVersion target, Object oldVsn, Object extra) {
        this.processes = processes;
        this.target = target;
        this.oldVsn = oldVsn;
        this.extra = extra;
        this.answers = new AtomicReferenceArray<>(processes.size());
        this.answered = new CountDownLatch(processes.size());
    }

    /**
     * Asks every process to prepare its change to {@code target} and waits until all have, up to
     * {@code timeoutMillis}. A process that dies meanwhile is left out: it has nothing to change.
     * The code of {@code target} need not be current yet (it may be prepared, not finished).
     *
     * @throws CodeChangeException if any process failed or did not answer in time; the batch is
     *         then aborted, every process back on its old state and code, and the reason is a
     *         map from each such process to why
     */
    public static CodeChangeBatch prepare(Collection<Pid> processes, ModuleVersion target, Object oldVsn, Object extra,
                                          long timeoutMillis) throws InterruptedException {
        CodeChangeBatch batch = new CodeChangeBatch(List.copyOf(processes), target, oldVsn, extra);
        for (int i = 0; i < batch.processes.size(); i++) {
            Proc.send(batch.processes.get(i), new SystemMessage(null, new SystemRequest.PrepareCodeChange(batch, i)));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long left;
        long waiting = batch.answered.getCount();
        while ((left = deadline - System.nanoTime()) > 0
                && !batch.answered.await(Math.min(left, CHECK_THE_DEAD_NANOS), TimeUnit.NANOSECONDS)) {
            long stillWaiting = batch.answered.getCount();
            if (stillWaiting == waiting) {
                batch.leaveOutTheDead(); // no answer came meanwhile: some of those asked may have died
            }
            waiting = stillWaiting;
        }
        Map<Pid, Object> failures = batch.failures();
        if (!failures.isEmpty()) {
            batch.abort();
            throw new CodeChangeException(failures);
        }
        return batch;
    }

    /** Counts a process that died before answering as answered: it has nothing to change. */
    private void leaveOutTheDead() {
        for (int i = 0; i < processes.size(); i++) {
            if (answers.get(i) == null && !Proc.isAlive(processes.get(i))
                    && answers.compareAndSet(i, null, PREPARED)) {
                answered.countDown();
            }
        }
    }

    private Map<Pid, Object> failures() {
        Map<Pid, Object> failures = new LinkedHashMap<>();
        for (int i = 0; i < processes.size(); i++) {
            Object a = answers.get(i);
            if (a == null) {
                failures.put(processes.get(i), Gen.TIMEOUT);
            } else if (a != PREPARED) {
                failures.put(processes.get(i), a);
            }
        }
        return failures;
    }

    /** The point of no return: every prepared process takes its new state and code. */
    public void commit() {
        decide(COMMITTED);
    }

    /** Every prepared process drops its new state and goes on as before. */
    public void abort() {
        decide(ABORTED);
    }

    private void decide(int d) {
        if (decision != UNDECIDED) {
            throw new IllegalStateException("the batch is already " + (decision == COMMITTED ? "committed" : "aborted"));
        }
        decision = d;
        for (Pid p; (p = toNudge.poll()) != null; ) {
            Proc.send(p, NUDGE);
        }
    }

    // ---- the process side (through Sys and HeldChange) ----

    void answer(int index, Object answer) {
        if (answers.compareAndSet(index, null, answer)) {
            answered.countDown();
        }
    }

    static Object prepared() {
        return PREPARED;
    }

    boolean decided() {
        return decision != UNDECIDED;
    }

    boolean committed() {
        return decision == COMMITTED;
    }

    /** Registers for a nudge; true if the batch was decided meanwhile (then no nudge may come). */
    boolean nudgeWhenDecided(Pid self) {
        toNudge.add(self);
        return decision != UNDECIDED;
    }

    @Override
    public String toString() {
        return "CodeChangeBatch[" + target + ", " + processes.size() + " processes]";
    }
}
