package dev.graft.bench.upgrade;

import dev.graft.application.ApplicationController;
import dev.graft.behaviour.Supervisor;
import dev.graft.process.Node;
import dev.graft.process.Pid;
import dev.graft.release.ReleaseHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A release upgrade through Graft's release handler: {@link #start} builds the two releases
 * ({@link BenchRelease}), opens a releases directory, unpacks and boots release 1 (its
 * application starts {@code bench.CounterSup}), adds the N servers as the supervisor's children
 * and unpacks release 2; {@link #upgrade} is {@link ReleaseHandler#installRelease}, which finds
 * the servers through the supervisor's child specs and the behaviour index, and changes their
 * code in one transaction ({@code dev.graft.release.Install}).
 *
 * <p>A server is unavailable from the moment it ran its codeChange ({@link ChangeTimes}) until
 * installRelease has returned (an upper bound: the transaction commits before it returns).
 */
final class ReleaseUpgrade implements UpgradeWay {
    private Path dir;
    private ReleaseHandler handler;
    private List<Pid> servers;

    @Override
    public String name() {
        return "release_handler";
    }

    @Override
    public String workload() {
        return "release_upgrade";
    }

    @Override
    public List<Pid> start(Node node, int n) throws Exception {
        dir = Files.createTempDirectory("graft-release-bench");
        BenchRelease.Archives archives = BenchRelease.build(dir);
        handler = ReleaseHandler.open(node, dir.resolve("root"));
        handler.unpackRelease(archives.v1());
        handler.boot();
        Pid supervisor = node.whereis("bench_counter_sup").orElseThrow(() ->
                new IllegalStateException("release 1 booted, and its supervisor bench_counter_sup is not running"));
        servers = node.runProcess(() -> {
            Pid[] pids = new Pid[n];
            for (int i = 0; i < n; i++) {
                pids[i] = Supervisor.startChild(supervisor, List.of()).pid();
            }
            return List.of(pids);
        });
        handler.unpackRelease(archives.v2());
        return servers;
    }

    @Override
    public Upgraded upgrade() throws Exception {
        handler.installRelease("2");
        long end = System.nanoTime();
        return new Upgraded(end, ChangeTimes.holdsUntil(servers, end));
    }

    /** Stops the application (its supervisor stops the servers), and deletes the releases. */
    @Override
    public void close() throws IOException {
        if (handler != null) {
            ApplicationController.of(handler.node()).stop(BenchRelease.APP);
        }
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
