package cloud.nextmcp.api;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Billing off (the default): nothing is limited, and the billing endpoints only say so. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BillingOffApiTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    static ApiClient api;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
    }

    @Test
    void everyTeamIsOnTheUnlimitedSelfHostedPlanAndNothingIsInTheWay() {
        ApiClient.User ada = api.newUser("ada");
        for (int i = 1; i <= 4; i++) {
            assertThat(api.post("/api/v1/apps", Map.of("name", "off-app-" + i), ada.token()).status()).isEqualTo(201);
        }
        assertThat(api.put("/api/v1/apps/off-app-1/formation/web", Map.of("quantity", 5), ada.token()).status())
                .isEqualTo(200);

        JsonNode billing = api.get("/api/v1/teams/" + ada.personalTeam() + "/billing", ada.token()).json();
        assertThat(billing.path("enabled").asBoolean()).isFalse();
        assertThat(billing.path("plan").asText()).isEqualTo("self-hosted");
        assertThat(billing.path("standing").asText()).isEqualTo("self_hosted");
        assertThat(billing.path("limits").path("apps").isNull()).isTrue();
        assertThat(billing.path("usage").path("apps").asInt()).isEqualTo(4);
        assertThat(billing.path("overLimits")).isEmpty();

        Reply checkout = api.post("/api/v1/teams/" + ada.personalTeam() + "/billing/checkout", Map.of("plan", "pro"),
                ada.token());
        assertThat(checkout.status()).isEqualTo(409);
        assertThat(checkout.detail()).contains("billing is off on this platform");
        Reply webhook = api.raw("POST", "/api/v1/billing/stripe/webhook", "{}", "application/json", Map.of());
        assertThat(webhook.status()).isEqualTo(404);
        assertThat(webhook.detail()).contains("billing is off");
    }

    @Test
    void adminsAndOwnersReadBillingOnlyOwnersChangeIt() {
        TestApiApplication application = APP.getApplication();
        TeamApp crew = TeamApp.create(api, application.jdbi());
        String path = "/api/v1/teams/" + crew.team() + "/billing";
        assertThat(api.get(path, crew.owner().token()).status()).isEqualTo(200);
        Reply member = api.get(path, crew.member().token());
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.detail()).contains("reading billing needs admin or higher");
        assertThat(api.get(path, crew.outsider().token()).status()).isEqualTo(404);
        Reply portal = api.post(path + "/portal", Map.of(), crew.member().token());
        assertThat(portal.status()).isEqualTo(403);
        assertThat(portal.detail()).contains("opening the billing portal needs owner");
    }
}
