package dev.graft.sys;

import dev.graft.code.ModuleVersion;
import dev.graft.gen.Gen;
import dev.graft.process.IdleClaim;
import dev.graft.process.IdleClaims;
import dev.graft.process.LoopReceive;
import dev.graft.process.Pid;
import dev.graft.process.Proc;
import dev.graft.process.ProcessNeeded;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * Changes the code of many behaviour processes as one transaction (DESIGN decision 6): what
 * OTP's release handler does with suspend, change_code and resume, with a point of no return
 * that is a single write, and without holding the processes for more than a short last round.
 *
 * <ol>
 *   <li>{@link #prepare}, first round: every process gets its new state for the target
 *       version, computed by its {@code codeChange} from its state and not installed — and
 *       goes on serving on its old code and state. A process that waits idle in its loop is
 *       not woken: the batch claims it ({@link IdleClaim}) and runs its {@code codeChange} on
 *       the preparing thread, as the process, for the microseconds it takes; a process that
 *       is busy, or whose {@code codeChange} makes a runtime call only the process can make,
 *       gets a system message and prepares in its own process. A message that may change a
 *       prepared process's state makes its change stale;</li>
 *   <li>the seal: from now on each prepared process holds, handling only system messages that
 *       leave its state alone; the processes whose change went stale prepare again, on their
 *       latest state, in a short last round, holding from then on;</li>
 *   <li>{@link #commit}: one volatile write decides; each process installs its new state and
 *       the target's code before its next message. A process that waits idle is not woken: only
 *       those that deferred a message while holding are nudged;</li>
 *   <li>or {@link #abort}, also when a round fails: each process drops what it prepared and
 *       goes on with its old state and code, as if nothing had happened.</li>
 * </ol>
 * So a process is unavailable from the seal to the decision (plus the microseconds of a
 * claim), not for the whole prepare.
 *
 * <p>Thread-safety: the batch is driven by one coordinator, the process that called
 * {@code prepare}; processes answer through {@link #answer} and read the decision, written once.
 * A process that defers a message while undecided registers for a nudge, then reads the
 * decision again, so a decision made in between is never missed.
 */
public final class CodeChangeBatch {
    private static final int UNDECIDED = 0;
    private static final int COMMITTED = 1;
    private static final int ABORTED = 2;

    final ModuleVersion target;
    final Object oldVsn;
    final Object extra;
    private final List<Pid> processes;
    /**
     * Per process, by index: null while asked and not answered, then its {@link HeldChange},
     * {@link #LEFT_OUT} if it died first, or the reason it failed.
     */
    private final AtomicReferenceArray<Object> answers;
    /** The answers the current round still waits for; set by the coordinator before it asks. */
    private volatile CountDownLatch unanswered;
    /** Set by the coordinator at the seal: a change prepared from then on is sealed at once. */
    private volatile boolean sealed;
    private long holdingSince;
    private final ConcurrentLinkedQueue<Pid> toNudge = new ConcurrentLinkedQueue<>();
    private volatile int decision = UNDECIDED;
    /** How many processes answered with a failure rather than a change (the dead are not counted). */
    private final AtomicInteger failed = new AtomicInteger();

    private static final Object LEFT_OUT = new Object();
    /**
     * How often a prepare that is still waiting looks whether answers stopped coming, and then
     * for processes that died: a look at every process asked (a millisecond for 100,000), not
     * worth taking while answers come in.
     */
    private static final long CHECK_THE_DEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Sent to a process that deferred a message while holding, once the batch is decided. */
    static final SystemMessage NUDGE = new SystemMessage(null, new SystemRequest.Nudge());

    /** Why a process in another batch's undecided change refused to prepare one of this batch. */
    public record InAnotherBatch(CodeChangeBatch holding) {
        @Override
        public String toString() {
            return "{in_another_batch," + holding + "}";
        }
    }

    private CodeChangeBatch(List<Pid> processes, ModuleVersion target, Object oldVsn, Object extra) {
        this.processes = processes;
        this.target = target;
        this.oldVsn = oldVsn;
        this.extra = extra;
        this.answers = new AtomicReferenceArray<>(processes.size());
    }

    /**
     * Has every process prepare its change to {@code target} and seals the batch, all within
     * {@code timeoutMillis}; from its return until {@link #commit} or {@link #abort}, every
     * process holds. A process that dies meanwhile is left out: it has nothing to change. The
     * code of {@code target} need not be current yet (it may be prepared, not finished).
     * Called in a process, which runs the code changes of the idle processes.
     *
     * @throws CodeChangeException if any process failed or did not answer in time; the batch is
     *         then aborted, every process back on its old state and code, and the reason is a
     *         map from each such process to why
     */
    public static CodeChangeBatch prepare(Collection<Pid> processes, ModuleVersion target, Object oldVsn, Object extra,
                                          long timeoutMillis) throws InterruptedException {
        CodeChangeBatch batch = new CodeChangeBatch(List.copyOf(processes), target, oldVsn, extra);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        int[] everyone = new int[batch.processes.size()];
        for (int i = 0; i < everyone.length; i++) {
            everyone[i] = i;
        }
        batch.round(everyone, deadline);
        batch.holdingSince = System.nanoTime();
        batch.sealed = true;
        batch.round(batch.seal(), deadline);
        return batch;
    }

    /** Asks {@code indices} to prepare and waits for their answers; aborts and throws if any failed. */
    private void round(int[] indices, long deadline) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(indices.length);
        unanswered = latch;
        for (int i : indices) {
            answers.set(i, null);
        }
        IdleClaims.run(() -> { // one binding of this thread's identity for all the claims (see IdleClaims)
            for (int i : indices) {
                ask(i);
            }
            return null;
        });
        long left;
        long waiting = latch.getCount();
        while ((left = deadline - System.nanoTime()) > 0
                && !latch.await(Math.min(left, CHECK_THE_DEAD_NANOS), TimeUnit.NANOSECONDS)) {
            long stillWaiting = latch.getCount();
            if (stillWaiting == waiting) {
                leaveOutTheDead(indices); // no answer came meanwhile: some of those asked may have died
            }
            waiting = stillWaiting;
        }
        if (latch.getCount() == 0 && failed.get() == 0) {
            return; // every process answered with its change, or died: no need to look at 100,000 answers
        }
        Map<Pid, Object> failures = failures(indices);
        if (!failures.isEmpty()) {
            abort();
            throw new CodeChangeException(failures);
        }
    }

    /**
     * Prepares process {@code i}'s change here, if it waits idle, while it is claimed;
     * otherwise asks it to prepare in its own process.
     */
    private void ask(int i) {
        Pid pid = processes.get(i);
        Optional<IdleClaim> claimed = LoopReceive.claimIdle(pid);
        if (claimed.isEmpty() || !prepareWhileClaimed(claimed.get(), i)) {
            Proc.send(pid, new SystemMessage(null, new SystemRequest.PrepareCodeChange(this, i)));
        }
    }

    /**
     * False if the process must prepare itself: it still has a change of a batch (which it
     * drops, installs or defends at its next message), or its code change made a runtime call.
     */
    private boolean prepareWhileClaimed(IdleClaim claim, int i) {
        try {
            SystemProcess process = (SystemProcess) claim.loop();
            if (process.systemHeldChange() != null) {
                return false;
            }
            HeldChange change = change(claim.runAs(() -> process.systemPrepareCodeChange(target, oldVsn, extra)));
            process.systemHold(change);
            answer(i, change);
            return true;
        } catch (ProcessNeeded e) {
            return false;
        } catch (CodeChangeException e) {
            answer(i, e.reason());
            return true;
        } finally {
            claim.release();
        }
    }

    /** Seals every prepared change; the processes whose change went stale first, to prepare again. */
    private int[] seal() {
        return IntStream.range(0, processes.size())
                .filter(i -> answers.get(i) instanceof HeldChange change && !change.seal())
                .toArray();
    }

    /** Counts a process that died before answering as answered: it has nothing to change. */
    private void leaveOutTheDead(int[] indices) {
        for (int i : indices) {
            if (answers.get(i) == null && !Proc.isAlive(processes.get(i)) && answers.compareAndSet(i, null, LEFT_OUT)) {
                unanswered.countDown();
            }
        }
    }

    private Map<Pid, Object> failures(int[] indices) {
        Map<Pid, Object> failures = new LinkedHashMap<>();
        for (int i : indices) {
            Object a = answers.get(i);
            if (a == null) {
                failures.put(processes.get(i), Gen.TIMEOUT);
            } else if (a != LEFT_OUT && !(a instanceof HeldChange)) {
                failures.put(processes.get(i), a);
            }
        }
        return failures;
    }

    /**
     * When the batch began to hold its processes ({@link System#nanoTime()}): from then until
     * the decision, each takes only system messages that leave its state alone. Before, none
     * waited for the batch but while it was claimed for its code change.
     */
    public long holdingSince() {
        return holdingSince;
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

    /** A process's answer: its {@link HeldChange}, or why it failed. */
    void answer(int index, Object answer) {
        if (answers.compareAndSet(index, null, answer)) {
            if (!(answer instanceof HeldChange)) {
                failed.incrementAndGet();
            }
            unanswered.countDown();
        }
    }

    /** A change a process prepares now: sealed at once after the seal. */
    HeldChange change(Object newState) {
        return new HeldChange(this, newState, sealed);
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
