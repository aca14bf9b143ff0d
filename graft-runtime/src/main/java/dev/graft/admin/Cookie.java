package dev.graft.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret a client presents on the loopback TCP admin channel, Erlang's cookie: 32 random
 * bytes in hex, kept in a file only its owner can read. Compared in constant time.
 */
final class Cookie {
    private Cookie() {}

    /** The cookie in {@code file}, made (0600) if there is none. */
    static String readOrCreate(Path file) throws IOException, AdminException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(AdminDir.OWNER_ONLY_FILE));
            Files.setPosixFilePermissions(file, AdminDir.OWNER_ONLY_FILE);
            Files.writeString(file, HexFormat.of().formatHex(secret) + "\n");
        } catch (FileAlreadyExistsException kept) {
            // the node's cookie stays what it was, so scripts holding it keep working
        }
        return read(file);
    }

    /** The cookie in {@code file}, refused unless only its owner, the current user, can read it. */
    static String read(Path file) throws IOException, AdminException {
        AdminDir.checkOwned(file, AdminDir.OWNER_ONLY_FILE, "600");
        String cookie = Files.readString(file).strip();
        if (cookie.isEmpty()) {
            throw new AdminException(AdminException.Kind.UNSAFE, file + " is empty; delete it and start the node again");
        }
        return cookie;
    }

    /** Whether {@code given} is {@code expected}, in time that does not depend on where they differ. */
    static boolean matches(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
