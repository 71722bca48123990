package cloud.nextmcp.cli.output;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** A titled block of "Label: value" lines with the values lined up, like {@code heroku apps:info}. */
public final class Details {

    private final String title;
    private final Map<String, String> fields = new LinkedHashMap<>();

    public Details(String title) {
        this.title = title;
    }

    public Details field(String label, Object value) {
        fields.put(label, value == null || value.toString().isEmpty() ? "-" : value.toString());
        return this;
    }

    public void print(PrintWriter out) {
        out.println("=== " + title);
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((label, value) ->
                out.println(label + ":" + " ".repeat(width - label.length()) + " " + value));
    }
}
