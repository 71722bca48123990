package cloud.nextmcp.router.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Finds the JSON-RPC {@code method} and {@code params.name} in the first bytes of a POSTed MCP
 * message. Works on a copy of a bounded prefix, so the proxied stream is never held or changed;
 * a prefix cut mid-document still yields whatever came before the cut.
 */
public final class McpCallSniffer {
    private static final JsonFactory JSON = new JsonFactory();

    /** The MCP call named in a message: method, and the tool/prompt name for methods that carry one (else null). */
    public record McpCall(String method, String name) {
    }

    private McpCallSniffer() {
    }

    /** Null when the bytes hold no JSON-RPC request (a response, a notification without method, not JSON). */
    public static McpCall sniff(byte[] bytes, int length) {
        String method = null;
        String name = null;
        try (JsonParser p = JSON.createParser(bytes, 0, length)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_ARRAY) {
                first = p.nextToken(); // a batch: the first message names the call
            }
            if (first != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) != null && t != JsonToken.END_OBJECT) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("method".equals(field) && value == JsonToken.VALUE_STRING) {
                    method = p.getText();
                } else if ("params".equals(field) && value == JsonToken.START_OBJECT) {
                    name = paramsName(p);
                } else {
                    p.skipChildren();
                }
                if (method != null && name != null) {
                    break;
                }
            }
        } catch (IOException e) {
            // A cut or malformed prefix: keep what was read before the cut.
        }
        return method == null ? null : new McpCall(method, isNamedCall(method) ? name : null);
    }

    private static String paramsName(JsonParser p) throws IOException {
        String name = null;
        JsonToken t;
        while ((t = p.nextToken()) != null && t != JsonToken.END_OBJECT) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("name".equals(field) && value == JsonToken.VALUE_STRING) {
                name = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return name;
    }

    private static boolean isNamedCall(String method) {
        return "tools/call".equals(method) || "prompts/get".equals(method);
    }
}
