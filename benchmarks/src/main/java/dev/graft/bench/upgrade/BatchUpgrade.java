package dev.graft.bench.upgrade;

import dev.graft.code.CodeServer;
import dev.graft.code.LoadResult;
import dev.graft.code.ModuleBinary;
import dev.graft.code.Prepared;
import dev.graft.process.Pid;
import dev.graft.sys.CodeChangeBatch;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * Graft's upgrade as one transaction: prepare v2's code ({@code prepareLoadingBinaries}), have
 * every server prepare its v2 state ({@link CodeChangeBatch#prepare}: one system message each;
 * each runs codeChange in its own process and then holds, taking no call), make v2 current
 * ({@code finishLoading}), and commit (one volatile write; the servers that deferred a call are
 * nudged).
 *
 * <p>A server is unavailable from the moment it ran its codeChange — which v2's codeChange
 * reports through the {@code extra} this passes, a {@link LongConsumer} — until
 * {@link CodeChangeBatch#commit} has returned, nudges sent.
 */
final class BatchUpgrade implements UpgradeWay {
    /** How long every server has to prepare; none comes near it. */
    private static final long PREPARE_TIMEOUT_MS = 60_000;

    @Override
    public String name() {
        return "batch";
    }

    @Override
    public long[] upgrade(CodeServer code, List<Pid> servers, ModuleBinary v2) throws Exception {
        HoldStarts holds = new HoldStarts(servers.size());
        Prepared prepared = code.prepareLoadingBinaries(List.of(v2));
        CodeChangeBatch batch = CodeChangeBatch.prepare(servers, prepared.versions().getFirst(), OLD_VSN, holds,
                PREPARE_TIMEOUT_MS);
        if (code.finishLoading(prepared) instanceof LoadResult.Refused r) {
            batch.abort();
            throw new IllegalStateException("v2 was refused: " + r.describe());
        }
        batch.commit();
        return holds.until(System.nanoTime());
    }

    /**
     * When each server ran its codeChange, in the order they did; v2's codeChange calls it in
     * the server's process. Read after the batch's prepare has returned, which happens after
     * every answer.
     */
    private static final class HoldStarts implements LongConsumer {
        private final long[] starts;
        private final AtomicInteger next = new AtomicInteger();

        HoldStarts(int servers) {
            starts = new long[servers];
        }

        @Override
        public void accept(long nanoTime) {
            starts[next.getAndIncrement()] = nanoTime;
        }

        long[] until(long end) {
            long[] holds = new long[next.get()];
            for (int i = 0; i < holds.length; i++) {
                holds[i] = end - starts[i];
            }
            return holds;
        }
    }
}
