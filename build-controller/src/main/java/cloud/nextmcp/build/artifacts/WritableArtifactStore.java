package cloud.nextmcp.build.artifacts;

import java.io.IOException;
import java.nio.file.Path;

/** The builder's side of the artifact store: it adds artifacts, the runtime only finds them. */
public interface WritableArtifactStore extends ArtifactStore {
    /**
     * Adds the built app in {@code directory} (which is moved into the store, or deleted when an
     * artifact with the same digest is already there) and returns the stored artifact.
     */
    Artifact store(Path directory, LaunchSpec launch) throws IOException;
}
