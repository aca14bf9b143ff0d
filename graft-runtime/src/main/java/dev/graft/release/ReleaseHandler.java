package dev.graft.release;

import dev.graft.process.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private ReleaseHandler(Node node, Path root, List<Release> releases) {
        this.node = node;
        this.root = root;
        this.releases = releases;
    }

    /** Opens the releases directory under {@code root} (creating it) and reads its status file. */
    public static ReleaseHandler open(Node node, Path root) throws ReleaseException, IOException {
        Path abs = root.toAbsolutePath().normalize();
        Files.createDirectories(abs.resolve("releases"));
        return new ReleaseHandler(node, abs, ReleasesFile.read(abs.resolve("releases")));
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

    /** The release in {@code releases/VSN}, from its {@code .rel}, as unpacked. */
    private Release describe(String vsn) throws ReleaseException, IOException {
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
        List<Release.Lib> libs = new ArrayList<>();
        for (ReleaseSpec.App a : spec.applications()) {
            Path lib = libDir(a.name(), a.vsn());
            if (!Files.isDirectory(lib)) {
                throw ReleaseException.of("no_such_directory", "release " + vsn + " needs " + lib + ", which is not there",
                        lib.toString());
            }
            libs.add(new Release.Lib(a.name(), a.vsn(), lib));
        }
        return new Release(spec.name(), spec.vsn(), spec.ertsVsn(), libs, ReleaseStatus.UNPACKED);
    }

    /**
     * Makes a current release permanent (the permanent one becomes old): {@code make_permanent}.
     * Already permanent: nothing to do.
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
            Release r = known(vsn);
            if (r.status() == ReleaseStatus.PERMANENT) {
                throw ReleaseException.of("permanent", "release " + vsn + " is permanent and cannot be removed", vsn);
            }
            List<Release> rest = releases.stream().filter(x -> x != r).toList();
            commit(rest);
            for (Release.Lib lib : r.libs()) {
                if (rest.stream().noneMatch(x -> x.libs().contains(lib))) {
                    deleteTree(lib.dir());
                }
            }
            deleteTree(releaseDir(vsn));
        } finally {
            lock.unlock();
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
