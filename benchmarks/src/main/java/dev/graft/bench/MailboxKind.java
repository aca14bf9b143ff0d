package dev.graft.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Which mailbox the bare virtual threads use: a JMH parameter of the {@code virtualThreads}
 * benchmarks only. Measured side by side on the benchmark machine, {@code LinkedTransferQueue}
 * had the shorter round trip (its {@code take} spins before parking) and the
 * {@code ConcurrentLinkedQueue} with park/unpark at times the higher four-to-one throughput;
 * both are kept, so that the floor is the better of the two in each workload.
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
