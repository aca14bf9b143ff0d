package dev.graft.code;

import java.util.List;

/**
 * Modules read, checked, rewritten and defined in class loaders of their own, ready for
 * {@link CodeServer#finishLoading} to make them current all at once: Erlang's prepared code.
 * It may be finished again after a failed finish (for example once old code is purged), and
 * once only after a successful one.
 */
public final class Prepared {
    final CodeServer server;
    final List<ModuleVersion> versions;
    /** Set under the code server's lock once the versions became current. */
    boolean finished;

    Prepared(CodeServer server, List<ModuleVersion> versions) {
        this.server = server;
        this.versions = List.copyOf(versions);
    }

    /** The module versions this will make current. */
    public List<ModuleVersion> versions() {
        return versions;
    }

    @Override
    public String toString() {
        return "Prepared" + versions;
    }
}
