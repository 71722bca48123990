package cloud.nextmcp.cli.billing;

import cloud.nextmcp.cli.ApiCommand;
import cloud.nextmcp.cli.CliContext;
import cloud.nextmcp.cli.JsonOption;
import cloud.nextmcp.cli.output.Details;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nextmcp billing}: the team's plan, its limits and this month's usage (Admins and Owners). */
@Command(name = "billing", description = "Show the team's plan, its limits and this month's usage.",
        subcommands = {BillingUpgradeCommand.class, BillingPortalCommand.class})
public class BillingCommand extends ApiCommand {

    @Mixin
    TeamOption team;

    @Mixin
    JsonOption json;

    public BillingCommand(CliContext context) {
        super(context);
    }

    @Override
    protected void run() {
        JsonNode b = api().get(team.billingPath(api()));
        if (json.enabled()) {
            printJson(b);
            return;
        }
        JsonNode limits = b.path("limits");
        JsonNode usage = b.path("usage");
        Details details = new Details(text(b, "team") + " billing")
                .field("Plan", text(b, "plan") + (b.path("enabled").asBoolean() ? "" : " (billing is off: unlimited)"));
        if (b.path("enabled").asBoolean()) {
            details.field("Standing", text(b, "standing"))
                    .fieldIfSet("Subscription", b.path("paidPlan").isTextual()
                            ? text(b, "paidPlan") + " (" + text(b, "subscriptionStatus") + ")" : null)
                    .fieldIfSet("Renews", text(b, "currentPeriodEnd"))
                    .fieldIfSet("Grace ends", text(b, "graceEndsAt"));
        }
        details.field("Apps", usage.path("apps").asInt() + of(limits, "apps"))
                .field("Build minutes", usage.path("buildMinutes").asLong() + of(limits, "buildMinutesPerMonth")
                        + " (resets " + text(usage, "resetsOn") + ")")
                .field("Instance hours", usage.path("instanceHours").asDouble() + " this month")
                .field("Instances per app", limit(limits, "instancesPerApp"))
                .field("Memory per instance", limits.path("memoryMbPerInstance").isNumber()
                        ? limits.path("memoryMbPerInstance").asInt() + " MiB" : "unlimited")
                .field("Previews per app", limit(limits, "previewsPerApp"))
                .field("Domains per app", limit(limits, "domainsPerApp"))
                .field("Log retention", limits.path("logRetentionDays").isNumber()
                        ? limits.path("logRetentionDays").asInt() + " days" : "unlimited");
        details.print(out());
        if (b.path("notice").isTextual()) {
            out().println();
            out().println("! " + text(b, "notice"));
        }
        if (!b.path("overLimits").isEmpty()) {
            out().println();
            out().println("Over the plan's limits (kept; new ones are refused):");
            b.path("overLimits").forEach(o -> out().println("  " + o.asText()));
        }
    }

    private static String of(JsonNode limits, String field) {
        return limits.path(field).isNumber() ? " of " + limits.path(field).asInt() : " (unlimited)";
    }

    private static String limit(JsonNode limits, String field) {
        return limits.path(field).isNumber() ? Integer.toString(limits.path(field).asInt()) : "unlimited";
    }
}
