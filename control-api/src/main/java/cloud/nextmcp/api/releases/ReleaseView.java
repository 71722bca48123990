package cloud.nextmcp.api.releases;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One release as users see it.
 *
 * @param status     {@code pending}, {@code live}, {@code failed} or {@code superseded}
 * @param current    whether this release is the one serving now (the live one)
 * @param createdBy  the e-mail of who made it (null for releases the platform made itself)
 * @param error      why a failed release did not start
 * @param configKeys the names of the config vars it runs with; only in the answer about one release
 */
public record ReleaseView(int version, String description, Long buildId, String commit,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt, String createdBy,
                          String status, boolean current, String error,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<String> configKeys) {

    static ReleaseView of(ReleaseListing.Row row, List<String> configKeys) {
        return new ReleaseView(row.version(), row.description(), row.buildId(), row.commit(), row.createdAt(),
                row.createdBy(), row.status(), "live".equals(row.status()), row.error(), configKeys);
    }
}
