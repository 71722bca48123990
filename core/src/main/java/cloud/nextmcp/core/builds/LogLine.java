package cloud.nextmcp.core.builds;

import java.time.Instant;

/** One line of an app's log: build output, an instance's output or a platform event. */
public record LogLine(long id, long appId, Long buildId, String source, Instant at, String line) {
}
