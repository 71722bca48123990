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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The billing page with billing off (the default): the unlimited self-hosted plan, usage, and no buttons. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardBillingOffTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    private static ApiClient api;
    private static TeamApp crew;

    @BeforeAll
    static void team() {
        api = new ApiClient(APP.getLocalPort());
        TestApiApplication application = APP.getApplication();
        crew = TeamApp.create(api, application.jdbi());
    }

    private static Browser loggedIn(ApiClient.User user) {
        Browser browser = new Browser(APP.getLocalPort());
        HttpResponse<String> login = browser.post("/login",
                Map.of("email", user.email(), "password", ApiClient.PASSWORD, "csrf", browser.csrfOf("/login")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        return browser;
    }

    @Test
    void theOwnerSeesTheSelfHostedPlanWithUsageAndNoButtons() {
        Browser owner = loggedIn(crew.owner());
        assertThat(owner.get("/teams").body()).contains("/teams/" + crew.team() + "/billing");

        HttpResponse<String> page = owner.get("/teams/" + crew.team() + "/billing");

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("unlimited <strong>self-hosted</strong> plan")
                .contains("Usage this period").contains("<td>Apps</td><td>1</td><td>unlimited</td>")
                .contains("Nothing: the team is within its plan's limits")
                .doesNotContain("Upgrade").doesNotContain("Billing portal").doesNotContain("/billing/portal");
    }

    @Test
    void aForgedUpgradeIsAnsweredWithTheApisRefusalOnThePage() {
        Browser owner = loggedIn(crew.owner());
        String path = "/teams/" + crew.team() + "/billing";

        HttpResponse<String> upgrade = owner.post(path + "/upgrade", Map.of("plan", "pro", "csrf", owner.csrfOf("/teams")));

        assertThat(upgrade.statusCode()).isEqualTo(409);
        assertThat(upgrade.body()).contains("billing is off on this platform").doesNotContain("Continue to payment");
    }

    @Test
    void aMemberIsToldThatReadingBillingNeedsAnAdmin() {
        Browser member = loggedIn(crew.member());
        assertThat(member.get("/teams").body()).doesNotContain("/teams/" + crew.team() + "/billing");

        HttpResponse<String> page = member.get("/teams/" + crew.team() + "/billing");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("reading billing needs admin or higher");
    }
}
