package cloud.nextmcp.api.runtime;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/**
 * One running (or starting, draining, crashed) instance of an app.
 *
 * @param type    the process type, {@code web}
 * @param index   the instance's number within its type: {@code web.1} has index 1
 * @param release the release version it runs
 * @param state   {@code starting}, {@code healthy}, {@code draining} or {@code crashed}
 */
public record InstanceView(String id, String type, int index, int release, String state, int restarts,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) Instant startedAt, String address) {
}
