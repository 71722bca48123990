package cloud.nextmcp.cli.domains;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.AppOption;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.http.PathSegment;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "verify", description = "Check the domain's DNS records now and show what is still wrong (Admin).")
public class DomainsVerifyCommand extends ApiCommand {

    @Parameters(paramLabel = "NAME")
    String hostname;

    @Mixin
    AppOption app;

    @Mixin
    JsonOption json;

    public DomainsVerifyCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String name = app(app);
        JsonNode d = api().post(appPath(name) + "/domains/" + PathSegment.encode(hostname) + "/verify", Map.of());
        if (json.enabled()) {
            printJson(d);
            return;
        }
        DomainPrinter.status(out(), d);
        if ("pending_ownership".equals(d.path("state").asText())) {
            DomainPrinter.instructions(out(), d);
        }
    }
}
