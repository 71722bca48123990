package cloud.nextmcp.api.builds;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/**
 * One build as users see it.
 *
 * @param status         {@code queued}, {@code running}, {@code succeeded} or {@code failed}
 * @param pusher         the e-mail of who pushed (null for automatic builds, or when the account is gone)
 * @param releaseVersion the release the build made, once it succeeded
 */
public record BuildView(long id, String status, String commit, String ref, String pusher, String error,
                        String buildpack, Integer releaseVersion,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant startedAt,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant finishedAt) {
}
