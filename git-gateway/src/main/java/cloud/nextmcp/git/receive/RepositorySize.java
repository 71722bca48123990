package cloud.nextmcp.git.receive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** Disk use of repositories and quarantines, and the words for it. */
public final class RepositorySize {
    private RepositorySize() {
    }

    /** Bytes of the accepted objects of a repository: its object directory without quarantines. */
    public static long objectBytes(Path objects) throws IOException {
        long total = 0;
        if (!Files.isDirectory(objects)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(objects)) {
            for (Path p : entries.toList()) {
                if (!p.getFileName().toString().startsWith(Quarantine.PREFIX)) {
                    total += treeBytes(p);
                }
            }
        }
        return total;
    }

    /** Bytes of the regular files under {@code root}; files deleted meanwhile count as 0. */
    public static long treeBytes(Path root) throws IOException {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.mapToLong(RepositorySize::size).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static long size(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 1 GB}, {@code 1.2 GB}, {@code 300 KB}: binary units, as the limits are configured. */
    public static String human(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = String.format(Locale.ROOT, "%.1f", value);
        if (number.endsWith(".0")) {
            number = number.substring(0, number.length() - 2);
        }
        return number + " " + units[unit];
    }
}
