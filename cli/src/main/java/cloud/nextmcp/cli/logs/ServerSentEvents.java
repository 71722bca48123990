package cloud.nextmcp.cli.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/** A reader of {@code text/event-stream} as the WHATWG spec defines it: id, data, retry; comments skipped. */
final class ServerSentEvents {

    record Event(String id, String data) {
    }

    interface Listener {
        void onEvent(Event event);
    }

    private ServerSentEvents() {
    }

    /** Reads events until the stream ends; {@code onRetry} receives each {@code retry:} delay in milliseconds. */
    static void read(InputStream stream, Listener listener, LongConsumer onRetry) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        String id = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    listener.onEvent(new Event(id, data.toString()));
                }
                id = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "retry" -> {
                    if (value.matches("\\d{1,9}")) {
                        onRetry.accept(Long.parseLong(value));
                    }
                }
                default -> {
                    // "event" and unknown fields carry nothing a log line needs.
                }
            }
        }
    }
}
