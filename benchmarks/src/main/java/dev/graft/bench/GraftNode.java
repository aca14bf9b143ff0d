package dev.graft.bench;

import dev.graft.process.Node;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** A Graft node started once per trial and stopped, with all its processes, at its end. */
@State(Scope.Benchmark)
public class GraftNode {
    public Node node;

    @Setup
    public void start() {
        node = Node.start("bench");
    }

    @TearDown
    public void stop() throws InterruptedException {
        node.stop(java.time.Duration.ofSeconds(10));
    }
}
