package cloud.nextmcp.build.artifacts;

import java.util.Optional;

/** Where artifacts live. Releases refer to artifacts by digest only. */
public interface ArtifactStore {
    /** The stored artifact with this digest, if it is (still) present. */
    Optional<Artifact> find(String digest);
}
