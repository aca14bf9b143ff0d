package dev.graft.admin;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * A node's admin directory, {@code ROOT/run}: where its admin channel is found. Only its owner
 * may open it (mode 0700), so only the owner can reach the socket inside; both the node and the
 * command refuse a directory that anyone else can open, or that another user owns, since whoever
 * controls the directory controls what a client connects to.
 *
 * <pre>
 * ROOT/run/admin.sock   the Unix-domain socket (0600), when the node listens on one
 * ROOT/run/admin.port   the loopback TCP port, when it listens there instead
 * ROOT/run/cookie       the secret a TCP client must present (0600)
 * ROOT/run/node.pid     the node's operating-system process id
 * </pre>
 */
public record AdminDir(Path dir) {
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    public AdminDir {
        dir = dir.toAbsolutePath().normalize();
    }

    /** The admin directory of the release root {@code root}. */
    public static AdminDir of(Path root) {
        return new AdminDir(root.resolve("run"));
    }

    public Path socket() {
        return dir.resolve("admin.sock");
    }

    public Path port() {
        return dir.resolve("admin.port");
    }

    public Path cookie() {
        return dir.resolve("cookie");
    }

    public Path pidFile() {
        return dir.resolve("node.pid");
    }

    /** Creates the directory owner-only, or checks the one that is there (see {@link #checkSafe}). */
    void create() throws IOException, AdminException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR); // whatever the umask took away
        }
        checkSafe();
    }

    /**
     * Refuses the directory unless it is a real directory (not a link), owned by the user this
     * JVM runs as, that no one else can open.
     */
    public void checkSafe() throws IOException, AdminException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new AdminException(AdminException.Kind.UNSAFE, dir + " is not a directory (a link, or a file); "
                    + "the admin directory must be a directory only you can open");
        }
        checkOwned(dir, OWNER_ONLY_DIR, "700");
    }

    /** Refuses {@code file} unless the current user owns it and its permissions are within {@code allowed}. */
    static void checkOwned(Path file, Set<PosixFilePermission> allowed, String mode) throws IOException, AdminException {
        UserPrincipal owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS);
        UserPrincipal me = currentUser();
        if (!owner.equals(me)) {
            throw new AdminException(AdminException.Kind.UNSAFE, file + " belongs to " + owner.getName() + ", not to "
                    + me.getName() + "; only the user who runs the node may drive it");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
        extra.addAll(perms);
        extra.removeAll(allowed);
        if (!extra.isEmpty()) {
            throw new AdminException(AdminException.Kind.UNSAFE, file + " has permissions "
                    + PosixFilePermissions.toString(perms) + ": others could open it. If you trust its contents, "
                    + "chmod " + mode + " " + file);
        }
    }

    /** The user this JVM runs as. */
    static UserPrincipal currentUser() throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
    }
}
