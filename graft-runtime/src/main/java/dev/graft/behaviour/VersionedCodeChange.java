package dev.graft.behaviour;

import dev.graft.code.ModuleVersion;

/**
 * A behaviour built on the GenServer loop whose callbacks are the runtime's own (the
 * supervisor's): its code change follows a callback module of its own, so it is told which
 * version the change is for — in a {@link dev.graft.sys.CodeChangeBatch}, a version prepared
 * and not yet current. What it returns may be a {@link PreparedState}.
 */
interface VersionedCodeChange<S> {
    Object codeChange(ModuleVersion target, Object oldVsn, S state, Object extra);
}
