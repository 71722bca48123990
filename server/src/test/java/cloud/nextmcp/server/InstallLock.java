package cloud.nextmcp.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Serializes the one-time npm install of a shared test tool across the failsafe forks, which run IT
 * classes side by side: the first fork installs, the others wait and then find it installed.
 */
final class InstallLock {
    private InstallLock() {
    }

    interface Install<T> {
        T run() throws IOException, InterruptedException;
    }

    static <T> T around(Path dir, Install<T> install) throws IOException, InterruptedException {
        Files.createDirectories(dir.getParent());
        try (FileChannel channel = FileChannel.open(dir.resolveSibling(dir.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            return install.run();
        }
    }
}
