package dev.graft.process;

import java.util.function.Supplier;

/**
 * A scope in which the calling thread claims idle processes one after another and acts for
 * each ({@link IdleClaim#runAs}) without binding its identity anew for every claim: a batch
 * upgrade claiming 100,000 idle servers spent half of its claiming time in those bindings (a
 * profile of {@code UpgradeUnderLoad}). Outside an
 * {@link IdleClaim#runAs}, the thread is what it was before the scope: the same process, or
 * none.
 *
 * <p>Confined to the thread that runs it.
 */
public final class IdleClaims {
    /** The process the thread runs, or null. */
    final ProcessCell self;
    /** The claim the thread acts for now, or null. */
    IdleClaim acting;

    private IdleClaims(ProcessCell self) {
        this.self = self;
    }

    /** Runs {@code body} in a scope for claims; see the class comment. */
    public static <T> T run(Supplier<T> body) {
        return ProcessCell.withClaims(new IdleClaims(ProcessCell.current()), body);
    }
}
