package cloud.nextmcp.core.builds;

import java.time.Instant;

public record Build(long id, long appId, String commitSha, String ref, Long pusherId, BuildStatus status,
                    String worker, Instant leaseExpiresAt, int attempts, String error, String buildpack,
                    String artifact, String imageDigest, Integer releaseVersion, Instant createdAt,
                    Instant startedAt, Instant finishedAt, String pushQuarantine) {
}
