package cloud.nextmcp.build.artifacts;

import cloud.nextmcp.core.config.DataDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Artifacts as directories {@code <data>/artifacts/<digest>/} with their launch settings in
 * {@code <digest>.json} beside them. The digest covers the files and the launch settings, so the
 * same name always means the same thing and a rebuild of unchanged code adds nothing.
 */
public final class FileArtifactStore implements WritableArtifactStore {
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    private final Path root;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public FileArtifactStore(DataDirectory dataDirectory) {
        this.root = dataDirectory.artifacts();
    }

    @Override
    public Optional<Artifact> find(String digest) {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            return Optional.empty();
        }
        Path dir = root.resolve(digest);
        Path meta = root.resolve(digest + ".json");
        if (!Files.isDirectory(dir) || !Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        try {
            LaunchSpec launch = json.readValue(meta.toFile(), LaunchSpec.class);
            return Optional.of(artifact(digest, launch));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable artifact metadata " + meta, e);
        }
    }

    @Override
    public Artifact store(Path directory, LaunchSpec launch) throws IOException {
        byte[] meta = json.writeValueAsBytes(launch);
        String digest = TreeDigest.of(directory, meta);
        Files.createDirectories(root);
        Path target = root.resolve(digest);
        Path metaFile = root.resolve(digest + ".json");
        if (!Files.isRegularFile(metaFile)) {
            Path tmp = root.resolve(".tmp-" + UUID.randomUUID() + ".json");
            Files.write(tmp, meta);
            Files.move(tmp, metaFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(target)) {
            FileTrees.delete(directory);
        } else {
            moveInto(directory, target);
        }
        return artifact(digest, launch);
    }

    /** Renames into place so a half-written artifact is never visible under its digest. */
    private void moveInto(Path directory, Path target) throws IOException {
        Path staged = directory;
        try {
            Files.move(directory, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        } catch (AtomicMoveNotSupportedException e) {
            staged = root.resolve(".tmp-" + UUID.randomUUID());
            FileTrees.copy(directory, staged);
            FileTrees.delete(directory);
        } catch (FileAlreadyExistsException e) {
            FileTrees.delete(directory);
            return;
        }
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            FileTrees.delete(staged);
        }
    }

    private Artifact artifact(String digest, LaunchSpec launch) {
        return new Artifact(digest, root.resolve(digest), launch.buildpack(), launch.startCommand(), launch.healthPath(),
                launch.env(), launch.project());
    }
}
