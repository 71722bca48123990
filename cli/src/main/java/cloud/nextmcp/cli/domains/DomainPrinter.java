package cloud.nextmcp.cli.domains;

import cloud.nextmcp.cli.output.Table;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** How a domain's state and DNS instructions read in the terminal. */
final class DomainPrinter {
    private DomainPrinter() {
    }

    static String state(JsonNode d) {
        return d.path("state").asText().replace('_', ' ');
    }

    /** The records to create, as a table, then what is wrong now. */
    static void instructions(PrintWriter out, JsonNode d) {
        out.println("Create these DNS records at your DNS provider:");
        Table table = new Table("type", "name", "value", "purpose");
        d.path("dnsRecords").forEach(r -> table.row(r.path("type").asText(), r.path("name").asText(),
                r.path("value").asText(), r.path("purpose").asText()));
        table.print(out);
    }

    static void status(PrintWriter out, JsonNode d) {
        out.println(d.path("hostname").asText() + ": " + state(d));
        if (!d.path("reason").isNull() && !d.path("reason").asText().isEmpty()) {
            out.println("  " + d.path("reason").asText());
        }
    }
}
