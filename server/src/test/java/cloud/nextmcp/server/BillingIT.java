package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Billing on the real platform against a fake Stripe: a hobby team is limited, upgrades through
 * Checkout, is lifted by signed webhooks (replays and bad signatures change nothing), is metered,
 * and drops back to the hobby limits after a failed payment's grace period and after its
 * subscription ends, without losing an app. One platform start for all of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillingIT {
    private static final String PASSWORD = "correct horse battery";
    private static final String GRACE = "4 seconds";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static FakeStripe stripe;
    private static PlatformProcess platform;
    private static Cli cli;
    private static Path anywhere;
    private static String customer;

    @BeforeAll
    static void platformWithBillingOn() throws Exception {
        stripe = new FakeStripe();
        platform = new PlatformProcess(tmp.resolve("data"), Map.ofEntries(
                Map.entry("NEXTMCP_BILLING_ENABLED", "true"),
                Map.entry("NEXTMCP_STRIPE_API_BASE", stripe.url()),
                Map.entry("NEXTMCP_STRIPE_SECRET_KEY", FakeStripe.SECRET_KEY),
                Map.entry("NEXTMCP_STRIPE_WEBHOOK_SECRET", FakeStripe.WEBHOOK_SECRET),
                Map.entry("NEXTMCP_STRIPE_PRICE_PRO", "price_pro_monthly"),
                Map.entry("NEXTMCP_STRIPE_PRICE_TEAM", "price_team_monthly"),
                Map.entry("NEXTMCP_STRIPE_METER_INSTANCE_HOURS", "nextmcp_instance_seconds"),
                Map.entry("NEXTMCP_STRIPE_METER_BUILD_MINUTES", "nextmcp_build_seconds"),
                Map.entry("NEXTMCP_BILLING_GRACE_PERIOD", GRACE),
                Map.entry("NEXTMCP_BILLING_USAGE_INTERVAL", "1 second"),
                Map.entry("NEXTMCP_BILLING_REPORT_INTERVAL", "2 seconds"))).start();
        cli = new Cli(Files.createDirectories(tmp.resolve("home")), platform.apiUrl());
        anywhere = Files.createDirectories(tmp.resolve("anywhere"));
        cli.runWithStdin(anywhere, PASSWORD + "\n", "register", "--email", "ada@example.com", "--password-stdin");
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (stripe != null) {
            stripe.close();
        }
    }

    @Test
    @Order(1)
    void aHobbyTeamHitsItsAppLimitWithTheUpgradeHint() {
        assertThat(cli.ok(anywhere, "billing")).contains("hobby", "Standing:", "free", "0 of 2");
        cli.ok(anywhere, "apps", "create", "first-app");
        cli.ok(anywhere, "apps", "create", "second-app");

        Cli.Result third = cli.run(anywhere, "apps", "create", "third-app");

        assertThat(third.exitCode()).isNotZero();
        assertThat(third.err()).contains("the hobby plan allows 2 apps per team; `nextmcp billing upgrade pro`")
                .doesNotContain("Exception");
    }

    @Test
    @Order(2)
    void upgradeGivesACheckoutUrlForOneCustomerWithTheTeamInItsMetadata() {
        String out = cli.ok(anywhere, "billing", "upgrade", "pro");
        String again = cli.ok(anywhere, "billing", "upgrade", "pro");

        assertThat(out).contains("https://checkout.stripe.test/c/pay/cs_test_");
        assertThat(again).as("the same request, the same idempotency key, the same session").isEqualTo(out);
        List<FakeStripe.Call> customers = stripe.calls("POST", "/v1/customers");
        assertThat(customers).as(stripe.log()).hasSize(1);
        assertThat(customers.get(0).form()).containsKey("metadata[team_id]").containsEntry("name", "ada");
        assertThat(customers.get(0).idempotencyKey()).startsWith("nextmcp-customer-");
        FakeStripe.Call checkout = stripe.calls("POST", "/v1/checkout/sessions").get(0);
        assertThat(checkout.form()).containsEntry("mode", "subscription")
                .containsEntry("line_items[0][price]", "price_pro_monthly").containsEntry("line_items[0][quantity]", "1")
                .containsEntry("client_reference_id", customers.get(0).form().get("metadata[team_id]"));
        assertThat(checkout.idempotencyKey()).startsWith("nextmcp-checkout-");
        customer = checkout.form().get("customer");
        assertThat(customer).startsWith("cus_");
        assertThat(stripe.violations()).isEmpty();

        assertThat(cli.ok(anywhere, "billing", "portal")).contains("https://billing.stripe.test/p/session/bps_");
    }

    @Test
    @Order(3)
    void signedCheckoutAndSubscriptionEventsLiftTheLimitsReadingTheSubscriptionFromStripe() throws Exception {
        stripe.subscription("sub_1", customer, "active", "price_pro_monthly");
        String completed = FakeStripe.event("evt_checkout", "checkout.session.completed",
                "{\"id\":\"cs_test_1\",\"object\":\"checkout.session\",\"mode\":\"subscription\",\"customer\":\""
                        + customer + "\",\"subscription\":\"sub_1\",\"status\":\"complete\"}");
        // Stale: Stripe's current state (active) wins over what this event carries.
        String created = FakeStripe.event("evt_sub_created", "customer.subscription.created",
                "{\"id\":\"sub_1\",\"object\":\"subscription\",\"customer\":\"" + customer + "\",\"status\":\"incomplete\"}");

        assertThat(deliver(completed).statusCode()).isEqualTo(200);
        assertThat(deliver(created).statusCode()).isEqualTo(200);

        JsonNode billing = billing();
        assertThat(billing.path("plan").asText()).isEqualTo("pro");
        assertThat(billing.path("standing").asText()).isEqualTo("active");
        assertThat(billing.path("subscriptionStatus").asText()).isEqualTo("active");
        cli.ok(anywhere, "apps", "create", "third-app");
    }

    @Test
    @Order(4)
    void aReplayedEventDoesNothing() throws Exception {
        int reads = stripe.calls("GET", "/v1/subscriptions/sub_1").size();
        HttpResponse<String> replay = deliver(FakeStripe.event("evt_checkout", "checkout.session.completed",
                "{\"id\":\"cs_test_1\",\"object\":\"checkout.session\",\"customer\":\"" + customer
                        + "\",\"subscription\":\"sub_1\"}"));

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replay.body()).path("duplicate").asBoolean()).isTrue();
        assertThat(stripe.calls("GET", "/v1/subscriptions/sub_1")).hasSize(reads);
    }

    @Test
    @Order(5)
    void aBadSignatureIs400AndChangesNothing() throws Exception {
        stripe.subscription("sub_1", customer, "canceled", "price_pro_monthly");
        String deleted = FakeStripe.event("evt_forged", "customer.subscription.deleted",
                "{\"id\":\"sub_1\",\"object\":\"subscription\",\"customer\":\"" + customer + "\"}");
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> wrongSecret = post(deleted, FakeStripe.signature(deleted, "whsec_someone_else", now));
        HttpResponse<String> tooOld = post(deleted, FakeStripe.signature(deleted, FakeStripe.WEBHOOK_SECRET, now - 301));
        HttpResponse<String> unsigned = post(deleted, null);

        for (HttpResponse<String> r : List.of(wrongSecret, tooOld, unsigned)) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(wrongSecret.body()).contains("no v1 signature matches");
        assertThat(tooOld.body()).contains("tolerance 300 s");
        assertThat(billing().path("plan").asText()).isEqualTo("pro");
        stripe.subscription("sub_1", customer, "active", "price_pro_monthly");
        // The forged id was not stored: the real event with that id is still processed later.
        assertThat(deliver(FakeStripe.event("evt_forged", "customer.subscription.updated",
                "{\"id\":\"sub_1\",\"object\":\"subscription\",\"customer\":\"" + customer + "\"}")).body())
                .contains("\"duplicate\":false");
    }

    @Test
    @Order(6)
    void usageOfARunningAppGrowsAndIsReportedToStripeOnce() throws Exception {
        GitUser git = GitUser.create(tmp.resolve("git-home"));
        cli.ok(anywhere, "keys", "add", git.publicKey().toString());
        Path repo = git.repoFrom(Examples.path("node"), tmp.resolve("first-app"));
        git.git(repo, "remote", "add", "nextmcp", "ssh://git@localhost:" + platform.port("NEXTMCP_GIT_SSH_PORT")
                + "/first-app.git");
        GitUser.Result push = git.git(repo, "push", "nextmcp", "main");
        assertThat(push.exitCode()).as(push.toString()).isZero();
        // The runtime records the plan's memory per instance (pro: 1024 MiB) when it starts the release.
        assertThat(cli.ok(anywhere, "logs", "-a", "first-app", "-s", "platform")).contains("plan memory 1024 MiB per instance");

        long first = Polling.await("instance time recorded", Duration.ofSeconds(30), () -> {
            long s = billing().path("usage").path("instanceSeconds").asLong();
            return s > 0 ? Optional.of(s) : Optional.empty();
        }, platform::logText);
        long later = Polling.await("instance time growing", Duration.ofSeconds(30), () -> {
            long s = billing().path("usage").path("instanceSeconds").asLong();
            return s > first ? Optional.of(s) : Optional.empty();
        }, platform::logText);
        assertThat(billing().path("usage").path("buildMinutes").asLong()).isPositive();

        Polling.await("instance and build time reported", Duration.ofSeconds(30), () -> {
            List<String> names = stripe.calls("POST", "/v1/billing/meter_events").stream()
                    .map(c -> c.form().get("event_name")).distinct().toList();
            return names.containsAll(List.of("nextmcp_instance_seconds", "nextmcp_build_seconds"))
                    ? Optional.of(names) : Optional.empty();
        }, stripe::log);
        List<FakeStripe.Call> meterEvents = stripe.calls("POST", "/v1/billing/meter_events");
        Set<String> identifiers = new HashSet<>();
        long reportedInstanceSeconds = 0;
        for (FakeStripe.Call c : meterEvents) {
            assertThat(identifiers.add(c.form().get("identifier"))).as("each batch once: " + stripe.log()).isTrue();
            assertThat(c.idempotencyKey()).startsWith("nextmcp-meter-event-");
            assertThat(c.form()).containsEntry("payload[stripe_customer_id]", customer);
            if (c.form().get("event_name").equals("nextmcp_instance_seconds")) {
                reportedInstanceSeconds += Long.parseLong(c.form().get("payload[value]"));
            }
        }
        assertThat(reportedInstanceSeconds).isPositive()
                .isLessThanOrEqualTo(billing().path("usage").path("instanceSeconds").asLong());
        assertThat(later).isGreaterThan(first);
        assertThat(stripe.violations()).isEmpty();
    }

    @Test
    @Order(7)
    void aFailedPaymentPastTheGracePeriodDropsTheTeamToHobbyWithoutDeletingApps() throws Exception {
        stripe.subscription("sub_1", customer, "past_due", "price_pro_monthly");
        assertThat(deliver(FakeStripe.event("evt_failed", "invoice.payment_failed",
                "{\"id\":\"in_1\",\"object\":\"invoice\",\"customer\":\"" + customer + "\",\"status\":\"open\"}"))
                .statusCode()).isEqualTo(200);

        JsonNode grace = billing();
        assertThat(grace.path("plan").asText()).isEqualTo("pro");
        assertThat(grace.path("standing").asText()).isEqualTo("grace");
        assertThat(grace.path("notice").asText()).contains("a payment failed", "nextmcp billing portal");

        JsonNode dropped = Polling.await("the grace period to end", Duration.ofSeconds(20), () -> {
            JsonNode b = billing();
            return b.path("standing").asText().equals("downgraded") ? Optional.of(b) : Optional.empty();
        }, platform::logText);
        assertThat(dropped.path("plan").asText()).isEqualTo("hobby");
        assertThat(dropped.path("overLimits").toString()).contains("3 apps; the hobby plan allows 2");
        assertThat(cli.ok(anywhere, "billing")).contains("! a payment failed and the grace period ended");
        assertThat(cli.ok(anywhere, "apps", "list")).contains("first-app", "second-app", "third-app");
        Cli.Result fourth = cli.run(anywhere, "apps", "create", "fourth-app");
        assertThat(fourth.err()).contains("the hobby plan allows 2 apps per team");

        stripe.subscription("sub_1", customer, "active", "price_pro_monthly");
        deliver(FakeStripe.event("evt_paid", "invoice.paid",
                "{\"id\":\"in_1\",\"object\":\"invoice\",\"customer\":\"" + customer + "\",\"status\":\"paid\"}"));
        assertThat(billing().path("standing").asText()).isEqualTo("active");
    }

    @Test
    @Order(8)
    void aDeletedSubscriptionDropsTheTeamToHobbyWithoutDeletingApps() throws Exception {
        stripe.subscription("sub_1", customer, "canceled", "price_pro_monthly");
        assertThat(deliver(FakeStripe.event("evt_deleted", "customer.subscription.deleted",
                "{\"id\":\"sub_1\",\"object\":\"subscription\",\"customer\":\"" + customer + "\",\"status\":\"canceled\"}"))
                .statusCode()).isEqualTo(200);

        JsonNode billing = billing();
        assertThat(billing.path("plan").asText()).isEqualTo("hobby");
        assertThat(billing.path("standing").asText()).isEqualTo("canceled");
        assertThat(cli.ok(anywhere, "apps", "list")).contains("first-app", "second-app", "third-app");
        assertThat(cli.run(anywhere, "apps", "create", "fourth-app").err()).contains("the hobby plan allows 2 apps");
        assertThat(cli.run(anywhere, "scale", "web=2", "-a", "first-app").err())
                .contains("the hobby plan allows 1 instance per app; `nextmcp billing upgrade pro`");
        // What runs keeps running: the downgrade blocks only new actions.
        assertThat(cli.ok(anywhere, "ps", "-a", "first-app")).contains("healthy");
    }

    private static JsonNode billing() {
        try {
            return JSON.readTree(cli.ok(anywhere, "billing", "--json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs and posts an event as Stripe would. */
    private static HttpResponse<String> deliver(String event) throws Exception {
        return post(event, FakeStripe.signature(event, FakeStripe.WEBHOOK_SECRET, Instant.now().getEpochSecond()));
    }

    private static HttpResponse<String> post(String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.apiUrl() + "/api/v1/billing/stripe/webhook"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
