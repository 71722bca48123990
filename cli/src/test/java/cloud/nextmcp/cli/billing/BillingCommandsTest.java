package cloud.nextmcp.cli.billing;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.cli.testing.CliRunner;
import cloud.nextmcp.cli.testing.FakeApi.Response;
import cloud.nextmcp.cli.testing.LoggedInCliTest;
import org.junit.jupiter.api.Test;

class BillingCommandsTest extends LoggedInCliTest {
    static final String TEAMS = "[{\"name\":\"acme\",\"role\":\"owner\",\"personal\":false},"
            + "{\"name\":\"alice\",\"role\":\"owner\",\"personal\":true}]";

    @Test
    void billingShowsThePersonalTeamsPlanLimitsUsageAndTheNotice() {
        api.on("GET", "/api/v1/teams", Response.json(200, TEAMS));
        api.on("GET", "/api/v1/teams/alice/billing", Response.json(200, "{\"team\":\"alice\",\"enabled\":true,"
                + "\"plan\":\"hobby\",\"standing\":\"downgraded\",\"paidPlan\":\"pro\",\"subscriptionStatus\":\"past_due\","
                + "\"graceEndsAt\":\"2026-11-29T12:00:00Z\",\"notice\":\"a payment failed; fix it\","
                + "\"limits\":{\"apps\":2,\"instancesPerApp\":1,\"memoryMbPerInstance\":512,\"previewsPerApp\":1,"
                + "\"domainsPerApp\":0,\"buildMinutesPerMonth\":100,\"logRetentionDays\":1,\"forceScaleToZero\":true},"
                + "\"usage\":{\"resetsOn\":\"2026-12-01\",\"buildMinutes\":7,\"instanceSeconds\":7200,"
                + "\"instanceHours\":2.0,\"apps\":3},\"overLimits\":[\"3 apps; the hobby plan allows 2\"]}"));

        CliRunner.Result result = cli.run("billing");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Plan:", "hobby", "Standing:", "downgraded", "Subscription:", "pro (past_due)",
                "Apps:", "3 of 2", "Build minutes:", "7 of 100 (resets 2026-12-01)", "Instance hours:", "2.0 this month",
                "Memory per instance:", "512 MiB", "! a payment failed; fix it",
                "Over the plan's limits (kept; new ones are refused):", "  3 apps; the hobby plan allows 2");
    }

    @Test
    void billingOffSaysUnlimited() {
        api.on("GET", "/api/v1/teams/acme/billing", Response.json(200, "{\"team\":\"acme\",\"enabled\":false,"
                + "\"plan\":\"self-hosted\",\"standing\":\"self_hosted\",\"limits\":{\"forceScaleToZero\":false},"
                + "\"usage\":{\"resetsOn\":\"2026-12-01\",\"buildMinutes\":1,\"instanceHours\":0.5,\"apps\":9},"
                + "\"overLimits\":[]}"));

        CliRunner.Result result = cli.run("billing", "--team", "acme");

        assertThat(result.out()).contains("self-hosted (billing is off: unlimited)", "9 (unlimited)")
                .doesNotContain("Standing");
    }

    @Test
    void upgradePostsThePlanAndPrintsTheCheckoutUrlAndPortalPrintsItsUrl() {
        api.on("POST", "/api/v1/teams/acme/billing/checkout", Response.json(200,
                "{\"url\":\"https://checkout.example/c/pay/cs_1\"}"));
        api.on("POST", "/api/v1/teams/acme/billing/portal", Response.json(200,
                "{\"url\":\"https://billing.example/p/session/bps_1\"}"));

        CliRunner.Result upgrade = cli.run("billing", "upgrade", "pro", "--team", "acme");
        assertThat(api.onlyRequest().json().path("plan").asText()).isEqualTo("pro");
        CliRunner.Result portal = cli.run("billing", "portal", "-t", "acme");

        assertThat(upgrade.outLines()).last().isEqualTo("https://checkout.example/c/pay/cs_1");
        assertThat(portal.outLines()).last().isEqualTo("https://billing.example/p/session/bps_1");
    }

    @Test
    void aRefusalIsPrintedAsTheApisMessage() {
        api.on("POST", "/api/v1/teams/acme/billing/portal", Response.problem(403, "Forbidden",
                "your role in team 'acme' is admin; opening the billing portal needs owner"));

        CliRunner.Result result = cli.run("billing", "portal", "--team", "acme");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("opening the billing portal needs owner").doesNotContain("Exception");
    }
}
