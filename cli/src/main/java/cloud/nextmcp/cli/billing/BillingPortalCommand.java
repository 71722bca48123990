package cloud.nextmcp.cli.billing;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nextmcp billing portal}: a Stripe customer portal link (Owners). */
@Command(name = "portal", description = "Get a Stripe customer portal link: card, invoices, plan changes, cancelling (Owners).")
public class BillingPortalCommand extends ApiCommand {

    @Mixin
    TeamOption team;

    public BillingPortalCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String url = text(api().post(team.billingPath(api()) + "/portal", Map.of()), "url");
        out().println("Open this link to manage the team's subscription:");
        out().println(url);
    }
}
