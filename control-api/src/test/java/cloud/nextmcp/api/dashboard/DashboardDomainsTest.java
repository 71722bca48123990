package cloud.nextmcp.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The domains page: states, DNS records, and add/remove for Admins and Owners only. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardDomainsTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    private static ApiClient api;
    private static Jdbi jdbi;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
        TestApiApplication application = APP.getApplication();
        jdbi = application.jdbi();
    }

    static Browser loggedIn(ApiClient.User user) {
        Browser browser = new Browser(APP.getLocalPort());
        String csrf = browser.csrfOf("/login");
        HttpResponse<String> login = browser.post("/login",
                Map.of("email", user.email(), "password", ApiClient.PASSWORD, "csrf", csrf));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        return browser;
    }

    @Test
    void anOwnerAddsADomainAndSeesItsStateAndTheRecordsToCreate() {
        TeamApp t = TeamApp.create(api, jdbi);
        Browser owner = loggedIn(t.owner());
        String page = "/apps/" + t.app() + "/domains";
        assertThat(owner.get(page).body()).contains("No custom domains").contains("Add domain");

        HttpResponse<String> added = owner.post(page, Map.of("hostname", "mcp.example.com", "redirectHttp", "true",
                "csrf", owner.csrfOf(page)));

        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
        String shown = owner.get(page).body();
        assertThat(shown).contains("mcp.example.com").contains("pending ownership").contains("HTTP redirects to HTTPS")
                .contains("_nextmcp-challenge").contains("nextmcp-verify=").contains("CNAME")
                .contains("Check DNS now").contains("Remove");
        String token = api.get(t.path("/domains"), t.owner().token()).json().get(0).path("dnsRecords").get(0)
                .path("value").asText();
        assertThat(shown).contains(token);

        HttpResponse<String> removed = owner.post(page + "/remove", Map.of("hostname", "mcp.example.com",
                "csrf", owner.csrfOf(page)));
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(owner.get(page).body()).contains("No custom domains");
        assertThat(api.get(t.path("/domains"), t.owner().token()).json()).isEmpty();
    }

    @Test
    void anInvalidDomainIsRefusedOnThePageWithTheApisMessage() {
        TeamApp t = TeamApp.create(api, jdbi);
        Browser owner = loggedIn(t.owner());
        String page = "/apps/" + t.app() + "/domains";

        HttpResponse<String> refused = owner.post(page, Map.of("hostname", "not a domain", "csrf", owner.csrfOf(page)));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("role=\"alert\"").contains("No custom domains");
    }

    @Test
    void viewersAndMembersSeeTheDomainsButNoButtonsAndTheServerRefusesThem() {
        TeamApp t = TeamApp.create(api, jdbi);
        assertThat(api.post(t.path("/domains"), Map.of("hostname", "tools.example.org"), t.owner().token()).status())
                .isEqualTo(201);
        String page = "/apps/" + t.app() + "/domains";

        for (ApiClient.User reader : new ApiClient.User[] {t.viewer(), t.member()}) {
            Browser browser = loggedIn(reader);
            String shown = browser.get(page).body();
            assertThat(shown).contains("tools.example.org").contains("_nextmcp-challenge")
                    .doesNotContain("Check DNS now").doesNotContain("Add domain").doesNotContain(">Remove<");
            HttpResponse<String> removed = browser.post(page + "/remove", Map.of("hostname", "tools.example.org",
                    "csrf", browser.csrfOf("/apps")));
            assertThat(removed.statusCode()).isEqualTo(403);
        }
        assertThat(api.get(t.path("/domains"), t.owner().token()).json()).hasSize(1);
    }
}
