package cloud.nextmcp.cli.domains;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = {"Attach a host name you own to the app (Admin).",
        "Prints the DNS records to create; then run nextmcp domains verify NAME."})
public class DomainsAddCommand extends ApiCommand {

    @Parameters(paramLabel = "NAME", description = "e.g. mcp.example.com")
    String hostname;

    @Option(names = "--redirect-http", description = "Answer plain HTTP with a redirect to HTTPS once a certificate is served.")
    boolean redirectHttp;

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    public DomainsAddCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        JsonNode d = api().post(appPath(name) + "/domains", Map.of("hostname", hostname, "redirectHttp", redirectHttp));
        if (json.enabled()) {
            printJson(d);
            return;
        }
        out().println("Added " + d.path("hostname").asText() + " to " + name + " (" + DomainPrinter.state(d) + ").");
        DomainPrinter.instructions(out(), d);
        out().println("Then run: nextmcp domains verify " + d.path("hostname").asText() + " -a " + name);
    }
}
