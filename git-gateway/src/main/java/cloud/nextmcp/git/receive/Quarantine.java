package cloud.nextmcp.git.receive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a push's objects wait until the push is accepted (git's own quarantine, which JGit lacks):
 * a repository whose refs are the app's real ones but whose new objects land in
 * {@code objects/incoming-<uuid>}, with the real object directory as an alternate. Accepted:
 * {@link #migrate()} moves the objects in before any ref moves. Anything else: {@link #close()}
 * deletes them, so a rejected object can never be named by a later ref update.
 */
public final class Quarantine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);
    /** Name prefix of quarantine directories inside a repository's {@code objects}. */
    public static final String PREFIX = "incoming-";

    private final Path objects;
    private final Path directory;
    private final Repository repository;

    private Quarantine(Path objects, Path directory, Repository repository) {
        this.objects = objects;
        this.directory = directory;
        this.repository = repository;
    }

    /** Opens a fresh quarantine in front of {@code real}. */
    public static Quarantine open(Repository real) throws IOException {
        Path objects = real.getDirectory().toPath().resolve("objects");
        Path directory = objects.resolve(PREFIX + UUID.randomUUID());
        Files.createDirectories(directory.resolve("pack"));
        try {
            Repository repository = new FileRepositoryBuilder()
                    .setGitDir(real.getDirectory())
                    .setObjectDirectory(directory.toFile())
                    .addAlternateObjectDirectory(objects.toFile())
                    .setMustExist(true)
                    .build();
            return new Quarantine(objects, directory, repository);
        } catch (IOException | RuntimeException e) {
            deleteTree(directory);
            throw e;
        }
    }

    /** The repository a ReceivePack works on: real refs, quarantined new objects. */
    public Repository repository() {
        return repository;
    }

    public Path directory() {
        return directory;
    }

    /** The real object directory the quarantine's objects move into. */
    Path objectsOfRepository() {
        return objects;
    }

    /** Bytes the pushed objects take. */
    public long sizeBytes() throws IOException {
        return RepositorySize.treeBytes(directory);
    }

    /**
     * Moves the pushed objects into the real object directory: each pack's data before its index
     * (a reader finds a pack by its index, so it never sees one without data), then loose objects.
     * Every move is an atomic rename inside one file system.
     */
    public void migrate() throws IOException {
        Path pack = directory.resolve("pack");
        Path realPack = Files.createDirectories(objects.resolve("pack"));
        for (Path data : list(pack, "pack-*.pack")) {
            String base = data.getFileName().toString().replaceFirst("\\.pack$", "");
            move(data, realPack.resolve(data.getFileName()));
            for (String ext : List.of(".rev", ".bitmap", ".idx")) {
                Path side = pack.resolve(base + ext);
                if (Files.exists(side)) {
                    move(side, realPack.resolve(side.getFileName()));
                }
            }
        }
        for (Path fanout : list(directory, "[0-9a-f][0-9a-f]")) {
            Path target = Files.createDirectories(objects.resolve(fanout.getFileName()));
            for (Path loose : list(fanout, "*")) {
                move(loose, target.resolve(loose.getFileName()));
            }
        }
    }

    /** rename(2): an existing file of the same name is replaced, which is safe as names are content hashes. */
    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<Path> list(Path dir, String glob) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
            List<Path> found = new ArrayList<>();
            entries.forEach(found::add);
            return found;
        }
    }

    /** Deletes the quarantine and whatever it still holds; what cannot be deleted now, the sweeper deletes later. */
    @Override
    public void close() {
        repository.close();
        try {
            deleteTree(directory);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete the push quarantine {}: {}", directory, e.toString());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
