package dev.graft.process;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * The body of {@link Node#runProcess}: runs a callable and completes a future with its result,
 * or with why the process ended without one (it threw, exited, or was killed before it ran).
 */
record ProcessCall<T>(Callable<T> body, CompletableFuture<T> result) implements ProcessFunction, ExitObserver {
    @Override
    public void run() throws Exception {
        try {
            result.complete(body.call());
        } catch (Throwable t) {
            result.completeExceptionally(t);
            throw t;
        }
    }

    @Override
    public void exited(Object reason) {
        result.completeExceptionally(reason instanceof Throwable t ? t : new ProcessExit(reason));
    }

    @Override
    public String toString() {
        String name = body.getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        return "runProcess(" + (lambda < 0 ? name : name.substring(0, lambda)) + ")";
    }
}
