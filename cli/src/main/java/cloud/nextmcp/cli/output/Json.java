package cloud.nextmcp.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reading fields for tables, and printing the API's JSON for {@code --json}. */
public final class Json {

    private final ObjectMapper mapper;
    private final DefaultPrettyPrinter printer;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        this.printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Pretty JSON, two-space indents, {@code "key": value}. */
    public void print(PrintWriter out, JsonNode node) {
        try {
            out.println(mapper.writer(printer).writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field as text; empty when missing or null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    public static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
