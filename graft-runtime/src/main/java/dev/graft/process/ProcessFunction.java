package dev.graft.process;

/** The body of a spawned process. It may throw: the process then dies with what it threw. */
@FunctionalInterface
public interface ProcessFunction {
    void run() throws Exception;
}
