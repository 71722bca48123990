package cloud.nextmcp.core.releases;

import java.time.Instant;

/**
 * How many processes of a type an app should run.
 *
 * @param restartRequestedAt instances started before this are to be replaced (null: no restart asked)
 */
public record Formation(long appId, String processType, int quantity, Instant restartRequestedAt) {
    public static final String WEB = "web";
    public static final int DEFAULT_WEB_QUANTITY = 1;
}
