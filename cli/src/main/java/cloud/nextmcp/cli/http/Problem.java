package cloud.nextmcp.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** An RFC 9457 {@code application/problem+json} body, as far as the API sent one. */
public record Problem(String type, String title, int status, String detail) {

    /** Reads a problem from an error response body; fields the body lacks are null. */
    static Problem parse(int status, byte[] body, ObjectMapper json) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject()) {
                return new Problem(
                        textOrNull(node, "type"),
                        textOrNull(node, "title"),
                        node.path("status").asInt(status),
                        Optional.ofNullable(textOrNull(node, "detail"))
                                .orElse(textOrNull(node, "message")));
            }
        } catch (IOException notJson) {
            // Proxies and crashed servers answer in HTML or plain text; the status still says enough.
        }
        return new Problem(null, null, status, null);
    }

    /** The one line a person reads: the detail, else the title, else the status. */
    String message() {
        if (detail != null && !detail.isBlank()) {
            return detail;
        }
        if (title != null && !title.isBlank()) {
            return title + " (HTTP " + status + ")";
        }
        return "the API answered HTTP " + status;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
