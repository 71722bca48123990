package cloud.nextmcp.core.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Free-space check before the embedded cluster is created or started: on a full disk initdb and
 * PostgreSQL fail with messages (and stack traces) that do not say what to do.
 */
final class DiskSpace {
    /** initdb writes about 40 MB; the rest leaves room for the first migrations and WAL. */
    static final long TO_CREATE = 128L << 20;
    /** Start-up writes WAL and checkpoints before the platform can answer anything. */
    static final long TO_START = 32L << 20;

    private DiskSpace() {
    }

    /** Throws with "not enough space in DIR: N MB free, M needed" when {@code directory} has less than {@code needed} bytes free. */
    static void require(Path directory, long needed) {
        long free;
        try {
            free = Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the free space in " + directory + ": " + e.getMessage(), e);
        }
        if (free < needed) {
            throw new DatabaseStartFailure("not enough space in " + directory + ": " + (free >> 20) + " MB free, "
                    + (needed >> 20) + " MB needed for the embedded database; free some space or choose another data directory");
        }
    }
}
