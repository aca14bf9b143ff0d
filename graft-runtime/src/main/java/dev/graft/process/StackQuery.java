package dev.graft.process;

import java.util.concurrent.CountDownLatch;

/**
 * One question to one process: does a frame on your stack belong to a class defined by
 * {@code loader}? The process answers it itself, at its next runtime call, by walking its own
 * stack ({@link ProcessCell#answerQueries}); one that does not answer in time is read from
 * outside instead ({@link Node#runningCodeOf}).
 *
 * <p>Queries waiting for one process form a stack linked through {@code next}, pushed by CAS.
 */
final class StackQuery {
    final ClassLoader loader;
    private final CountDownLatch done;
    StackQuery next;
    /** 0 not yet answered, 1 yes, 2 no. Written once by the answering process. */
    private volatile int answer;

    StackQuery(ClassLoader loader, CountDownLatch done) {
        this.loader = loader;
        this.done = done;
    }

    void answer(boolean runs) {
        answer = runs ? 1 : 2;
        done.countDown();
    }

    boolean answered() {
        return answer != 0;
    }

    boolean runs() {
        return answer == 1;
    }
}
