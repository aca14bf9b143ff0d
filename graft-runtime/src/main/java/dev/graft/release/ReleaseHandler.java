package dev.graft.release;

import dev.graft.application.AppSpec;
import dev.graft.code.CodePath;
import dev.graft.code.CodeServer;
import dev.graft.code.LoadResult;
import dev.graft.code.ModuleBinary;
import dev.graft.process.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A node's release handler, over a releases directory on disk: Erlang's {@code release_handler}.
 *
 * <pre>
 * ROOT/lib/APP-VSN/ebin/APP.app         an application: its .app (and .appup)
 * ROOT/lib/APP-VSN/classes/...          and its modules' class files
 * ROOT/releases/VSN/NAME.rel            a release: its .rel, relup, SHA256SUMS
 * ROOT/releases/RELEASES                the status of every release the node knows
 * </pre>
 *
 * <p>Operations are serialised by one lock, as OTP serialises them through one process. Each
 * that changes a status rewrites the status file atomically before it returns; a node that dies
 * in between boots what the file says: the permanent release.
 */
public final class ReleaseHandler {
    private final Node node;
    private final Path root;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by lock. */
    private List<Release> releases;
    private final UnpurgedModules unpurged;

    private ReleaseHandler(Node node, Path root, List<Release> releases, Duration softPurgeEvery) {
        this.node = node;
        this.root = root;
        this.releases = releases;
        this.unpurged = new UnpurgedModules(node, lock, softPurgeEvery);
    }

    /** Opens the releases directory under {@code root} (creating it) and reads its status file. */
    public static ReleaseHandler open(Node node, Path root) throws ReleaseException, IOException {
        return open(node, root, UnpurgedModules.EVERY);
    }

    /** {@link #open(Node, Path)}, retrying the soft purges an install left every {@code softPurgeEvery}. */
    static ReleaseHandler open(Node node, Path root, Duration softPurgeEvery) throws ReleaseException, IOException {
        Path abs = root.toAbsolutePath().normalize();
        Files.createDirectories(abs.resolve("releases"));
        return new ReleaseHandler(node, abs, ReleasesFile.read(abs.resolve("releases")), softPurgeEvery);
    }

    public Node node() {
        return node;
    }

    public Path root() {
        return root;
    }

    /** Every known release, newest version first in the order they were unpacked: {@code which_releases/0}. */
    public List<Release> whichReleases() {
        lock.lock();
        try {
            return releases;
        } finally {
            lock.unlock();
        }
    }

    public List<Release> whichReleases(ReleaseStatus status) {
        return whichReleases().stream().filter(r -> r.status() == status).toList();
    }

    /** The current release if there is one, else the permanent one: OTP's latest release. */
    public Optional<Release> latest() {
        List<Release> all = whichReleases();
        return all.stream().filter(r -> r.status() == ReleaseStatus.CURRENT).findFirst()
                .or(() -> all.stream().filter(r -> r.status() == ReleaseStatus.PERMANENT).findFirst());
    }

    public Optional<Release> find(String vsn) {
        return whichReleases().stream().filter(r -> r.vsn().equals(vsn)).findFirst();
    }

    /**
     * Verifies a release archive (checksums, entry names; nothing is written if it is bad),
     * extracts it under the root and registers its release as unpacked: {@code unpack_release}.
     *
     * @return the release's version
     * @throws ReleaseException {@code {existing_release, Vsn}} if the version is known (nothing
     *         is written), or the archive's or the release's error
     */
    public String unpackRelease(Path archive) throws ReleaseException, IOException {
        lock.lock();
        try {
            ReleaseArchive.Contents contents = ReleaseArchive.verify(archive);
            if (find(contents.vsn()).isPresent()) {
                throw ReleaseException.of("existing_release", "release " + contents.vsn()
                        + " is already unpacked; remove it first", contents.vsn());
            }
            ReleaseArchive.extract(archive, root);
            Release r = describe(contents.vsn());
            List<Release> next = new ArrayList<>(releases);
            next.add(r);
            commit(next);
            return r.vsn();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Registers a release unpacked by other means than {@link #unpackRelease}: OTP's
     * {@code set_unpacked(RelFile, AppDirs)}. Its {@code .rel} is copied into
     * {@code releases/VSN}; each application is in {@code lib/APP-VSN} unless {@code appDirs}
     * says where it is.
     *
     * @return the release's version
     * @throws ReleaseException {@code {existing_release, V}}, {@code {bad_rel_file, F}}, or
     *         {@code {no_such_directory, Dir}} for an application that is not where it should be;
     *         nothing is registered then
     */
    public String setUnpacked(Path relFile, List<Release.Lib> appDirs) throws ReleaseException, IOException {
        lock.lock();
        try {
            ReleaseSpec spec;
            try {
                spec = ReleaseSpec.read(relFile);
            } catch (IOException | RuntimeException e) {
                throw ReleaseException.of("bad_rel_file", relFile + ": " + e.getMessage(), relFile.toString());
            }
            if (find(spec.vsn()).isPresent()) {
                throw ReleaseException.of("existing_release", "release " + spec.vsn() + " is already known", spec.vsn());
            }
            Release r = describe(spec, appDirs);
            AtomicFiles.write(releaseDir(spec.vsn()).resolve(relFile.getFileName().toString()), Files.readAllBytes(relFile));
            List<Release> next = new ArrayList<>(releases);
            next.add(r);
            commit(next);
            return r.vsn();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies {@code file} (a relup, a config) into {@code releases/VSN} of a known release: OTP's
     * {@code install_file}.
     *
     * @throws ReleaseException {@code {no_such_release, V}}
     */
    public void installFile(String vsn, Path file) throws ReleaseException, IOException {
        lock.lock();
        try {
            known(vsn);
            AtomicFiles.write(releaseDir(vsn).resolve(file.getFileName().toString()), Files.readAllBytes(file));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets a release without deleting its files: OTP's {@code set_removed}. Never the
     * permanent one.
     *
     * @throws ReleaseException {@code {no_such_release, V}}, {@code {permanent, V}}
     */
    public void setRemoved(String vsn) throws ReleaseException, IOException {
        lock.lock();
        try {
            forget(vsn);
        } finally {
            lock.unlock();
        }
    }

    /** The release in {@code releases/VSN}, from its {@code .rel}, as unpacked. */
    private Release describe(String vsn) throws ReleaseException, IOException {
        return describe(readRel(vsn), List.of());
    }

    /** The release {@code spec} describes, unpacked, its applications in {@code lib} unless {@code appDirs} says otherwise. */
    private Release describe(ReleaseSpec spec, List<Release.Lib> appDirs) throws ReleaseException {
        List<Release.Lib> libs = new ArrayList<>();
        for (ReleaseSpec.App a : spec.applications()) {
            Path lib = appDirs.stream().filter(d -> d.app().equals(a.name()) && d.vsn().equals(a.vsn()))
                    .map(d -> d.dir().toAbsolutePath().normalize()).findFirst().orElse(libDir(a.name(), a.vsn()));
            if (!Files.isDirectory(lib)) {
                throw ReleaseException.of("no_such_directory", "release " + spec.vsn() + " needs " + lib
                        + ", which is not there", lib.toString());
            }
            libs.add(new Release.Lib(a.name(), a.vsn(), lib));
        }
        return new Release(spec.name(), spec.vsn(), spec.ertsVsn(), libs, ReleaseStatus.UNPACKED);
    }

    /** The {@code .rel} of release {@code vsn}: the one {@code .rel} file in {@code releases/VSN}. */
    private ReleaseSpec readRel(String vsn) throws ReleaseException, IOException {
        Path dir = releaseDir(vsn);
        Path relFile;
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> rels = files.filter(p -> p.getFileName().toString().endsWith(".rel")).toList();
            if (rels.size() != 1) {
                throw ReleaseException.of("bad_rel_file", dir + " must hold exactly one .rel file; it holds " + rels.size(),
                        dir.toString());
            }
            relFile = rels.getFirst();
        }
        ReleaseSpec spec;
        try {
            spec = ReleaseSpec.read(relFile);
        } catch (RuntimeException e) {
            throw ReleaseException.of("bad_rel_file", relFile + ": " + e.getMessage(), relFile.toString());
        }
        if (!spec.vsn().equals(vsn)) {
            throw ReleaseException.of("bad_rel_data", relFile + " says version " + spec.vsn() + " in releases/" + vsn,
                    relFile.toString());
        }
        return spec;
    }

    /**
     * Makes a current release permanent (the permanent one becomes old): {@code make_permanent}.
     * Already permanent: nothing to do. The modules the install left unpurged whose post-purge
     * is brutal are purged now, killing the processes still in their old code.
     */
    public void makePermanent(String vsn) throws ReleaseException, IOException {
        lock.lock();
        try {
            Release r = known(vsn);
            if (r.status() == ReleaseStatus.PERMANENT) {
                return;
            }
            if (r.status() != ReleaseStatus.CURRENT) {
                throw ReleaseException.of("bad_status", "release " + vsn + " is " + r.status()
                        + "; only the current release can be made permanent", dev.graft.term.Atom.of(r.status().toString()));
            }
            commit(releases.stream().map(x -> x.vsn().equals(vsn) ? x.withStatus(ReleaseStatus.PERMANENT)
                    : x.status() == ReleaseStatus.PERMANENT ? x.withStatus(ReleaseStatus.OLD) : x).toList());
            unpurged.purgeBrutal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets a release and deletes its files — {@code releases/VSN} and every lib directory no
     * other known release uses: {@code remove_release}. Never the permanent one.
     */
    public void removeRelease(String vsn) throws ReleaseException, IOException {
        lock.lock();
        try {
            Release r = forget(vsn);
            for (Release.Lib lib : r.libs()) {
                if (releases.stream().noneMatch(x -> x.libs().contains(lib))) {
                    deleteTree(lib.dir());
                }
            }
            deleteTree(releaseDir(vsn));
        } finally {
            lock.unlock();
        }
    }

    /** Takes a release that is not permanent out of the status file, and returns it. Under lock. */
    private Release forget(String vsn) throws ReleaseException, IOException {
        Release r = known(vsn);
        if (r.status() == ReleaseStatus.PERMANENT) {
            throw ReleaseException.of("permanent", "release " + vsn + " is permanent and cannot be removed", vsn);
        }
        commit(releases.stream().filter(x -> x != r).toList());
        return r;
    }

    /**
     * Boots the permanent release, as a node that starts (or restarts after a crash) does: loads
     * every module of its applications. A fresh root whose only release is unpacked makes that
     * one permanent first, as a first boot does.
     *
     * @return the release booted
     */
    public Release boot() throws ReleaseException, IOException {
        lock.lock();
        try {
            Optional<Release> permanent = releases.stream().filter(r -> r.status() == ReleaseStatus.PERMANENT).findFirst();
            if (permanent.isEmpty()) {
                if (releases.size() != 1) {
                    throw ReleaseException.of("no_permanent_release", "no release is permanent, and there are "
                            + releases.size() + " to choose from: unpack one release first", root.toString());
                }
                commit(List.of(releases.getFirst().withStatus(ReleaseStatus.PERMANENT)));
            }
            Release r = releases.stream().filter(x -> x.status() == ReleaseStatus.PERMANENT).findFirst().orElseThrow();
            List<ModuleBinary> binaries = new ArrayList<>();
            for (Release.Lib lib : r.libs()) {
                AppSpec app = readApp(lib);
                for (String m : app.modules()) {
                    binaries.add(CodePath.read(lib.dir().resolve("classes"), m).orElseThrow(() -> ReleaseException.of(
                            "no_object_code", "module " + m + " of " + lib + " is not in " + lib.dir().resolve("classes"), m)));
                }
            }
            LoadResult loaded = CodeServer.of(node).atomicLoadBinaries(binaries);
            if (loaded instanceof LoadResult.Refused refused) {
                throw new ReleaseException(refused.failures().toString(), "release " + r.vsn() + " does not load: "
                        + refused.describe());
            }
            ReleaseSpec spec = readRel(r.vsn());
            node.asProcess(() -> {
                new ReleaseApplications(this).boot(r, spec);
                return null;
            });
            return r;
        } finally {
            lock.unlock();
        }
    }

    /** The {@code .app} of an application of a release. */
    AppSpec readApp(Release.Lib lib) throws ReleaseException {
        Path file = lib.dir().resolve("ebin").resolve(lib.app() + ".app");
        try {
            return AppSpec.read(file);
        } catch (IOException | RuntimeException e) {
            throw ReleaseException.of("bad_app_file", file + ": " + e.getMessage(), file.toString());
        }
    }

    /**
     * What {@link #installRelease} did: the versions, and the modules left with old code that
     * processes still run (see {@link #unpurged}).
     */
    public record Installed(String from, String to, List<String> unpurged) {}

    /** An option of {@link #checkInstallRelease}: OTP's options of {@code check_install_release/2}. */
    public enum CheckOption {
        /**
         * Once every check has passed, remove the old code of each module the install would
         * load or remove that no process runs, so that the install has no old code to check or
         * purge: {@code purge}. Old code a process runs is kept, and the process with it.
         */
        PURGE
    }

    /**
     * The modules the last install left with old code that processes still run. They are
     * soft-purged again every 10 seconds until none is left; those whose post-purge is
     * {@code brutal_purge} are purged at {@link #makePermanent}.
     */
    public List<String> unpurged() {
        lock.lock();
        try {
            return unpurged.modules();
        } finally {
            lock.unlock();
        }
    }

    /**
     * What installing {@code vsn} would do — the modules it loads, the processes whose state
     * migrates, the processes each purge would kill — checked and printed for a person:
     * {@code check_install_release}. Reads and checks every new module, and refuses, as the
     * install would, a soft pre-purge of old code a process runs ({@code old_processes}).
     * Changes nothing, unless {@link CheckOption#PURGE} is given.
     */
    public InstallPlan checkInstallRelease(String vsn, CheckOption... options) throws ReleaseException {
        boolean purge = List.of(options).contains(CheckOption.PURGE);
        lock.lock();
        try {
            Step step = step(vsn);
            Install install = new Install(this, known(vsn), step.script.instructions(), step.down);
            return node.asProcess(() -> install.plan(step.from.vsn(), vsn, purge)); // OTP's release handler is a process
        } finally {
            lock.unlock();
        }
    }

    /**
     * Upgrades or downgrades the running node to release {@code vsn} by its relup, as one
     * transaction (see {@link Install}): a failure before the commit leaves the node exactly as
     * it was and the statuses unchanged. On success {@code vsn} is current (or stays permanent)
     * and the release it replaced is old.
     *
     * @throws ReleaseException {@code {no_such_release, V}}, {@code {already_installed, V}},
     *         {@code {no_matching_relup, To, From}}, or the install's failure
     */
    public Installed installRelease(String vsn) throws ReleaseException, IOException {
        lock.lock();
        try {
            Step step = step(vsn);
            Install install = new Install(this, known(vsn), step.script.instructions(), step.down);
            List<UnpurgedModules.Entry> left = node.asProcess(install::run);
            unpurged.replace(left);
            commit(releases.stream().map(r -> r.vsn().equals(vsn)
                    ? (r.status() == ReleaseStatus.PERMANENT ? r : r.withStatus(ReleaseStatus.CURRENT))
                    : r.status() == ReleaseStatus.CURRENT ? r.withStatus(ReleaseStatus.OLD) : r).toList());
            return new Installed(step.from.vsn(), vsn, unpurged.modules());
        } finally {
            lock.unlock();
        }
    }

    /** An install's script: from the target's relup (up), else from the latest's (down). */
    private record Step(Release from, Relup.Script script, boolean down) {}

    private Step step(String vsn) throws ReleaseException {
        Release to = known(vsn);
        Release from = latest().orElseThrow(() -> ReleaseException.of("no_release_running",
                "no release is current or permanent to upgrade from; boot one first", vsn));
        if (from.vsn().equals(vsn)) {
            throw ReleaseException.of("already_installed", "release " + vsn + " is already installed", vsn);
        }
        Optional<Relup.Script> up = relup(to.vsn()).flatMap(r -> r.upgradeFrom(from.vsn()));
        if (up.isPresent()) {
            return live(new Step(from, up.get(), false), vsn);
        }
        Optional<Relup.Script> down = relup(from.vsn()).flatMap(r -> r.downgradeTo(vsn));
        if (down.isPresent()) {
            return live(new Step(from, down.get(), true), vsn);
        }
        throw ReleaseException.of("no_matching_relup", "neither releases/" + vsn + "/relup upgrades from " + from.vsn()
                + " nor releases/" + from.vsn() + "/relup downgrades to " + vsn, vsn, from.vsn());
    }

    /**
     * Refuses a script that restarts the emulator ({@code restart_new_emulator},
     * {@code restart_emulator}): a node restarts no JVM in the middle of an install, and a
     * script it carried out without the restart would leave the node on classes the release
     * says must be new. Refused before anything changes, saying what to do instead.
     */
    private static Step live(Step step, String vsn) throws ReleaseException {
        for (RelupInstruction i : step.script.instructions()) {
            if (i instanceof RelupInstruction.RestartEmulator || i instanceof RelupInstruction.RestartNewEmulator) {
                String what = i.toTerm().toString();
                throw ReleaseException.of(what, "the relup from " + step.from.vsn() + " to " + vsn + " says " + what
                        + ": the node's JVM must restart, which a live install does not do; stop the node and "
                        + "start it on release " + vsn + " instead", vsn);
            }
        }
        return step;
    }

    private Optional<Relup> relup(String vsn) throws ReleaseException {
        Path file = releaseDir(vsn).resolve("relup");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Relup r = Relup.read(file);
            if (!r.vsn().equals(vsn)) {
                throw ReleaseException.of("bad_relup_file", file + " is for release " + r.vsn() + ", not " + vsn,
                        file.toString());
            }
            return Optional.of(r);
        } catch (IOException | RuntimeException e) {
            throw ReleaseException.of("bad_relup_file", file + ": " + e.getMessage(), file.toString());
        }
    }

    Release known(String vsn) throws ReleaseException {
        return find(vsn).orElseThrow(() -> ReleaseException.of("no_such_release", "no release " + vsn + " is known", vsn));
    }

    /** Writes the status file, then takes the new list: what the file says is what the node knows. Under lock. */
    void commit(List<Release> next) throws IOException {
        ReleasesFile.write(root.resolve("releases"), next);
        releases = List.copyOf(next);
    }

    Path releaseDir(String vsn) {
        return root.resolve("releases").resolve(vsn);
    }

    Path libDir(String app, String vsn) {
        return root.resolve("lib").resolve(app + "-" + vsn);
    }

    ReentrantLock lock() {
        return lock;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public String toString() {
        return "ReleaseHandler[" + root + "]";
    }
}
