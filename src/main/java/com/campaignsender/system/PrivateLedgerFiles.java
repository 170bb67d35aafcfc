package com.campaignsender.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The embedded database's files are the service's user's alone (SPEC section 19): they hold every
 * recipient's address, and H2's lock file holds the key to the TCP server that {@code AUTO_SERVER}
 * opens for a second process. H2 creates them readable by all (the umask's 0644 and 0755); the
 * folder becomes 0700 and the database's files 0600 as soon as the ledger is opened, so that no
 * other user of the machine can read them or reach them.
 */
final class PrivateLedgerFiles {

    private PrivateLedgerFiles() {
    }

    /** {@code database}: the H2 file's path without its {@code .mv.db}. */
    static void restrict(Path database) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // Windows: the folder under the user's profile is the user's already
        }
        Path folder = database.toAbsolutePath().getParent();
        String name = database.getFileName().toString() + ".";
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(file -> file.getFileName().toString().startsWith(name)).toList()) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot make the ledger's files private to this user: " + folder, ex);
        }
    }
}
