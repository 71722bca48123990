package cloud.nextmcp.api.logs;

import cloud.nextmcp.core.builds.LogLine;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How a log line reads: {@code 2026-11-24T05:40:01.123Z web.1: message} (always milliseconds, UTC). */
public final class LogLineFormat {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private LogLineFormat() {
    }

    public static String format(LogLine line) {
        return AT.format(line.at()) + " " + line.source() + ": " + line.line();
    }
}
