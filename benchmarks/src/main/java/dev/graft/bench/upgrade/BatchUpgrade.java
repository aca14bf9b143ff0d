package dev.graft.bench.upgrade;

import dev.graft.code.LoadResult;
import dev.graft.code.Prepared;
import dev.graft.sys.CodeChangeBatch;
import java.util.Arrays;
import java.util.List;

/**
 * Graft's upgrade as one transaction: prepare v2's code ({@code prepareLoadingBinaries}), have
 * every server prepare its v2 state ({@link CodeChangeBatch#prepare}: the idle ones on this
 * process while claimed, the busy ones in their own process, none holding; then the seal and a
 * last round for the servers called since), make v2 current ({@code finishLoading}), and
 * commit (one volatile write; the servers that deferred a call are nudged).
 *
 * <p>A server is unavailable from the seal ({@link CodeChangeBatch#holdingSince}) until
 * {@link CodeChangeBatch#commit} has returned, nudges sent: an upper bound, the same for every
 * server. Before the seal a server is unavailable only while the batch claims it idle, for
 * the microseconds its codeChange takes; the calls' latencies during the upgrade show that.
 */
final class BatchUpgrade implements CodeServerWay.Upgrade {
    /** How long every server has to prepare; none comes near it. */
    private static final long PREPARE_TIMEOUT_MS = 60_000;

    @Override
    public UpgradeWay.Upgraded upgrade(LoadedCounters counters) throws Exception {
        Prepared prepared = counters.code().prepareLoadingBinaries(List.of(counters.v2()));
        CodeChangeBatch batch = CodeChangeBatch.prepare(counters.servers(), prepared.versions().getFirst(),
                UpgradeWay.OLD_VSN, null, PREPARE_TIMEOUT_MS);
        if (counters.code().finishLoading(prepared) instanceof LoadResult.Refused r) {
            batch.abort();
            throw new IllegalStateException("v2 was refused: " + r.describe());
        }
        batch.commit();
        long end = System.nanoTime();
        long[] holds = new long[counters.servers().size()];
        Arrays.fill(holds, end - batch.holdingSince());
        return new UpgradeWay.Upgraded(end, holds);
    }
}
