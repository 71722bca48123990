package cloud.nextmcp.cli.output;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Timestamps for tables: the API's ISO-8601 instants shortened to the minute, in UTC. */
public final class Times {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String minute(String iso) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        try {
            return MINUTE.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
