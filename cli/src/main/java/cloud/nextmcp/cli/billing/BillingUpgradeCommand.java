package cloud.nextmcp.cli.billing;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code nextmcp billing upgrade PLAN}: a Stripe Checkout link (Owners). */
@Command(name = "upgrade", description = "Get a Stripe Checkout link that subscribes the team to PLAN (Owners).")
public class BillingUpgradeCommand extends ApiCommand {

    @Parameters(paramLabel = "PLAN", description = "pro, team, … (see `nextmcp billing`)")
    String plan;

    @Mixin
    TeamOption team;

    public BillingUpgradeCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        String url = text(api().post(team.billingPath(api()) + "/checkout", Map.of("plan", plan)), "url");
        out().println("Open this link to pay for the " + plan + " plan; the new limits apply once Stripe confirms:");
        out().println(url);
    }
}
