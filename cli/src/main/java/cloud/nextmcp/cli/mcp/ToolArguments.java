package cloud.nextmcp.cli.mcp;

import cloud.nextmcp.cli.CliException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool call's arguments from the command line: {@code --args JSON} (an object), then each
 * {@code key=value} on top. A value is taken as JSON when it is valid JSON ({@code 3},
 * {@code true}, {@code {"a":1}}, {@code "quoted"}), else as the string it is.
 */
public final class ToolArguments {

    private final ObjectMapper mapper;
    private final ObjectReader strictReader;

    public ToolArguments(ObjectMapper mapper) {
        this.mapper = mapper;
        this.strictReader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public Map<String, Object> parse(String argsJson, List<String> pairs) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        if (argsJson != null) {
            JsonNode node = readJson(argsJson);
            if (node == null || !node.isObject()) {
                throw new CliException("--args must be a JSON object, like '{\"city\": \"Paris\"}'");
            }
            node.properties().forEach(field -> arguments.put(field.getKey(), toJava(field.getValue())));
        }
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new CliException("'" + pair + "' is not key=value: give each argument as key=value");
            }
            arguments.put(pair.substring(0, equals), value(pair.substring(equals + 1)));
        }
        return arguments;
    }

    private Object value(String text) {
        if (text.isBlank()) {
            return text;
        }
        try {
            return toJava(strictReader.readTree(text));
        } catch (JsonProcessingException notJson) {
            return text;
        }
    }

    private JsonNode readJson(String text) {
        try {
            return strictReader.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CliException("--args is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private Object toJava(JsonNode node) {
        return mapper.convertValue(node, Object.class);
    }
}
