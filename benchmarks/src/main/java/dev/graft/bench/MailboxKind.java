package dev.graft.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Which mailbox the bare virtual threads use: a JMH parameter of the {@code virtualThreads}
 * benchmarks only. Measured side by side on the benchmark machine, neither was the faster in
 * every workload, nor in one workload from run to run (a round trip of 0.34 µs with
 * {@code LinkedTransferQueue} against 1.05 µs in one session; 1.12 against 0.85 µs in another),
 * so both are kept and reported: the floor is the better of the two in each workload.
 */
@State(Scope.Benchmark)
public class MailboxKind {
    @Param({"LinkedTransferQueue", "ConcurrentLinkedQueue"})
    public String queue;

    VirtualThreads.Mailbox create() {
        return of(queue);
    }

    static VirtualThreads.Mailbox of(String queue) {
        return switch (queue) {
            case "LinkedTransferQueue" -> new VirtualThreads.TransferMailbox();
            case "ConcurrentLinkedQueue" -> new VirtualThreads.ParkingMailbox();
            default -> throw new IllegalArgumentException("unknown queue: " + queue);
        };
    }
}
