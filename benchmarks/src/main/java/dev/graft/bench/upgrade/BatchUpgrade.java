package dev.graft.bench.upgrade;

import dev.graft.code.LoadResult;
import dev.graft.code.Prepared;
import dev.graft.sys.CodeChangeBatch;
import java.util.List;

/**
 * Graft's upgrade as one transaction: prepare v2's code ({@code prepareLoadingBinaries}), have
 * every server prepare its v2 state ({@link CodeChangeBatch#prepare}: one system message each;
 * each runs codeChange in its own process and then holds, taking no call), make v2 current
 * ({@code finishLoading}), and commit (one volatile write; the servers that deferred a call are
 * nudged).
 *
 * <p>A server is unavailable from the moment it ran its codeChange ({@link ChangeTimes}) until
 * {@link CodeChangeBatch#commit} has returned, nudges sent.
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
        return new UpgradeWay.Upgraded(end, ChangeTimes.holdsUntil(counters.servers(), end));
    }
}
