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

    /** Like {@link #field}, but a missing or empty value leaves the line out instead of showing "-". */
    public Details fieldIfSet(String label, String value) {
        return value == null || value.isEmpty() ? this : field(label, value);
    }

    public void print(PrintWriter out) {
        out.println("=== " + title);
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((label, value) ->
                out.println(label + ":" + " ".repeat(width - label.length()) + " " + value));
    }
}
