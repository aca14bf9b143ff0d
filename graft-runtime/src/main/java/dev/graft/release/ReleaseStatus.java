package dev.graft.release;

import java.util.Locale;

/**
 * Where a release stands (reference §7.1). Exactly one release is permanent; installing one
 * makes it current and the previous current old. {@code CURRENT} is never written to disk: the
 * status file stores it as {@code UNPACKED}, so a node that restarts before
 * {@code makePermanent} boots the permanent release.
 */
public enum ReleaseStatus {
    UNPACKED, CURRENT, PERMANENT, OLD;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
