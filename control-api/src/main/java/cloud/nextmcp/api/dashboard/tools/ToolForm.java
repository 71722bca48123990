package cloud.nextmcp.api.dashboard.tools;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tool's input schema as form fields, and a submitted form back as the tool's arguments. */
public final class ToolForm {
    private ToolForm() {
    }

    /** One argument: its name, JSON type, description and whether it is required. */
    public record Field(String name, String type, String description, boolean required) {
        public String inputType() {
            return switch (type) {
                case "number", "integer" -> "number";
                case "boolean" -> "checkbox";
                default -> "text";
            };
        }
    }

    public static List<Field> fields(McpSchema.Tool tool) {
        List<Field> fields = new ArrayList<>();
        Map<String, Object> schema = tool.inputSchema();
        if (schema == null || !(schema.get("properties") instanceof Map<?, ?> properties)) {
            return fields;
        }
        List<?> required = schema.get("required") instanceof List<?> r ? r : List.of();
        properties.forEach((name, property) -> {
            Map<?, ?> p = property instanceof Map<?, ?> map ? map : Map.of();
            Object type = p.get("type");
            Object description = p.get("description");
            fields.add(new Field(String.valueOf(name), type instanceof String t ? t : "string",
                    description instanceof String d ? d : null, required.contains(name)));
        });
        return fields;
    }

    /**
     * Form values ({@code arg.<name>}) as arguments of the schema's types; empty optional fields are left out.
     *
     * @throws IllegalArgumentException with a message for the person when a number is not one
     */
    public static Map<String, Object> arguments(List<Field> fields, Map<String, String> form) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (Field field : fields) {
            String value = form.get("arg." + field.name());
            if ("boolean".equals(field.type())) {
                arguments.put(field.name(), value != null);
                continue;
            }
            if (value == null || value.isEmpty()) {
                continue;
            }
            arguments.put(field.name(), switch (field.type()) {
                case "integer" -> parse(field, () -> Long.parseLong(value.strip()));
                case "number" -> parse(field, () -> Double.parseDouble(value.strip()));
                default -> value;
            });
        }
        return arguments;
    }

    private interface Parse {
        Object run();
    }

    private static Object parse(Field field, Parse parse) {
        try {
            return parse.run();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + field.name() + "' must be a " + field.type());
        }
    }
}
