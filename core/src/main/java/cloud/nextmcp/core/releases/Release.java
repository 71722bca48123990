package cloud.nextmcp.core.releases;

import java.time.Instant;

/**
 * Release vN of an app: an artifact plus a snapshot of the config vars, both fixed forever.
 *
 * @param buildId        the build that made the artifact (config changes and rollbacks keep the build of the artifact they reuse)
 * @param artifactDigest SHA-256 hex of the artifact the release runs
 * @param configSealed   the config vars at release time, sealed by {@link ConfigVars#sealSnapshot}
 */
public record Release(long id, long appId, int version, Long buildId, String artifactDigest, byte[] configSealed,
                      String description, Long createdBy, ReleaseStatus status, String error, Instant createdAt) {

    /** The name users see: {@code v3}. */
    public String label() {
        return "v" + version;
    }
}
