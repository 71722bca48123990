package cloud.nextmcp.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import cloud.nextmcp.core.oauth.ConsentDao;
import cloud.nextmcp.core.oauth.OAuthClientDao;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Creating an app in a chosen team, destroying one with its name typed again, and from the account page
 * tokens bound to an app and withdrawing an MCP client's consent.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardAppsTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    private static ApiClient api;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
    }

    private static TeamApp teamApp() {
        return TeamApp.create(api, APP.<TestApiApplication>getApplication().jdbi());
    }

    @Test
    void aMemberOfSeveralTeamsCreatesAnAppInTheTeamChosen() {
        TeamApp t = teamApp();
        Browser member = Browser.loggedIn(APP.getLocalPort(), t.member());
        String list = member.get("/apps").body();
        assertThat(list).contains("<label for=\"team\">Team</label>")
                .contains("<option value=\"" + t.member().personalTeam() + "\">" + t.member().personalTeam() + " (personal)")
                .contains("<option value=\"" + t.team() + "\">");

        HttpResponse<String> created = member.post("/apps", Map.of("name", "chosen-" + t.app(), "team", t.team(),
                "csrf", member.csrfOf("/apps")));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        assertThat(api.get("/api/v1/apps/chosen-" + t.app(), t.owner().token()).json().path("team").asText())
                .isEqualTo(t.team());
    }

    @Test
    void aViewerIsNotOfferedTheirViewOnlyTeamAndIsRefusedIfTheyForgeIt() {
        TeamApp t = teamApp();
        Browser viewer = Browser.loggedIn(APP.getLocalPort(), t.viewer());
        assertThat(viewer.get("/apps").body()).doesNotContain("<option value=\"" + t.team() + "\">")
                .doesNotContain("<label for=\"team\">");

        HttpResponse<String> refused = viewer.post("/apps", Map.of("name", "forged-" + t.app(), "team", t.team(),
                "csrf", viewer.csrfOf("/apps")));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("role=\"alert\"").contains("Create an app");
        assertThat(api.get("/api/v1/apps/forged-" + t.app(), t.owner().token()).status()).isEqualTo(404);
    }

    @Test
    void anOwnerDestroysAnAppOnlyWithItsNameTypedAgain() {
        TeamApp t = teamApp();
        Browser owner = Browser.loggedIn(APP.getLocalPort(), t.owner());
        String overview = "/apps/" + t.app();
        assertThat(owner.get(overview).body()).contains("Destroy " + t.app()).contains("destroy-confirm");

        HttpResponse<String> mistyped = owner.post(overview + "/destroy", Map.of("confirm", "something-else",
                "csrf", owner.csrfOf(overview)));
        assertThat(mistyped.statusCode()).isEqualTo(422);
        assertThat(mistyped.body()).contains("role=\"alert\"").contains("type its name");
        assertThat(api.get(t.path(""), t.owner().token()).status()).isEqualTo(200);

        HttpResponse<String> destroyed = owner.post(overview + "/destroy", Map.of("confirm", t.app(),
                "csrf", owner.csrfOf(overview)));
        assertThat(destroyed.statusCode()).isEqualTo(303);
        assertThat(destroyed.headers().firstValue("Location").orElseThrow()).endsWith("/apps?notice=app-destroyed");
        assertThat(api.get(t.path(""), t.owner().token()).status()).isEqualTo(404);
        assertThat(owner.get("/apps?notice=app-destroyed").body()).contains("App destroyed").doesNotContain(">" + t.app() + "<");
    }

    @Test
    void membersAndViewersSeeNoDestroyButtonAndTheServerRefusesThem() {
        TeamApp t = teamApp();
        String overview = "/apps/" + t.app();
        for (ApiClient.User user : new ApiClient.User[] {t.member(), t.viewer()}) {
            Browser browser = Browser.loggedIn(APP.getLocalPort(), user);
            assertThat(browser.get(overview).body()).doesNotContain("Destroy " + t.app()).doesNotContain("destroy-confirm");
            HttpResponse<String> refused = browser.post(overview + "/destroy", Map.of("confirm", t.app(),
                    "csrf", browser.csrfOf(overview)));
            assertThat(refused.statusCode()).isEqualTo(403);
        }
        assertThat(api.get(t.path(""), t.owner().token()).status()).isEqualTo(200);
    }

    @Test
    void theAccountPageMakesATokenBoundToAnApp() {
        TeamApp t = teamApp();
        Browser viewer = Browser.loggedIn(APP.getLocalPort(), t.viewer());

        HttpResponse<String> created = viewer.post("/account/tokens", Map.of("name", "reader-bot", "expiresInDays", "",
                "app", t.app(), "csrf", viewer.csrfOf("/account")));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).contains("token for app " + t.app());
        JsonNode token = api.get("/api/v1/tokens", t.viewer().token()).json().get(0);
        assertThat(token.path("app").asText()).isEqualTo(t.app());
        assertThat(token.path("scopes").get(0).asText()).isEqualTo("mcp");
        assertThat(viewer.get("/account").body()).contains("calls app " + t.app() + " only");

        HttpResponse<String> unknownApp = viewer.post("/account/tokens", Map.of("name", "x", "app", "no-such-app",
                "csrf", viewer.csrfOf("/account")));
        assertThat(unknownApp.statusCode()).isEqualTo(404);
        assertThat(unknownApp.body()).contains("role=\"alert\"");
    }

    @Test
    void aUserWithdrawsAnMcpClientTheyAllowedFromTheAccountPage() {
        TeamApp t = teamApp();
        // The consent a user gives on the OAuth consent page, set up directly: this test is about withdrawing it.
        APP.<TestApiApplication>getApplication().jdbi().useHandle(h -> {
            h.attach(OAuthClientDao.class).upsert("nmc_desk", "Desk <Client>", new String[] {"http://127.0.0.1:9/cb"}, false);
            h.attach(ConsentDao.class).give(t.userId(api, t.member()), "nmc_desk", t.appId());
        });
        Browser member = Browser.loggedIn(APP.getLocalPort(), t.member());
        assertThat(member.get("/account").body()).contains("Desk &lt;Client&gt;").contains("nmc_desk").contains("Withdraw");

        HttpResponse<String> withdrawn = member.post("/account/consents/withdraw", Map.of("app", t.app(),
                "client", "nmc_desk", "csrf", member.csrfOf("/account")));

        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(303);
        assertThat(api.get("/api/v1/oauth/consents", t.member().token()).json()).isEmpty();
        assertThat(member.get("/account?notice=consent-withdrawn").body()).contains("Client no longer allowed")
                .doesNotContain("nmc_desk");
        HttpResponse<String> again = member.post("/account/consents/withdraw", Map.of("app", t.app(),
                "client", "nmc_desk", "csrf", member.csrfOf("/account")));
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("role=\"alert\"");
    }
}
