package cloud.nextmcp.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The SDK's objects as the JSON they travel as, for {@code --json} (the SDK has its own Jackson). */
final class SdkJson {

    private final McpJsonMapper sdk = McpJsonDefaults.getMapper();
    private final ObjectMapper mapper;

    SdkJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    JsonNode toJson(Object value) {
        try {
            return mapper.readTree(sdk.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
