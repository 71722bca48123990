package cloud.nextmcp.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Access tab: visibility, grants to people and tokens, and app-scoped tokens, with the API's role checks. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardAccessTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));
    private static final Pattern SHOWN_TOKEN = Pattern.compile("<code id=\"token-value\">([^<]+)</code>");

    private static ApiClient api;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
    }

    @Test
    void anOwnerMakesTheAppPrivateAndGrantsAndRevokesAPerson() {
        TeamApp t = TeamApp.create(api, APP.<TestApiApplication>getApplication().jdbi());
        Browser owner = Browser.loggedIn(APP.getLocalPort(), t.owner());
        String page = "/apps/" + t.app() + "/access";
        assertThat(owner.get(page).body()).contains("Anyone who has the URL").contains("Make private")
                .contains("No one outside the team");

        HttpResponse<String> made = owner.post(page + "/visibility", Map.of("visibility", "private", "csrf", owner.csrfOf(page)));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(303);
        assertThat(api.get(t.path("/access"), t.owner().token()).json().path("visibility").asText()).isEqualTo("private");
        assertThat(owner.get(page).body()).contains("Only members of team " + t.team()).contains("Make public");

        HttpResponse<String> granted = owner.post(page + "/grants", Map.of("email", t.outsider().email(), "csrf", owner.csrfOf(page)));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(303);
        assertThat(owner.get(page).body()).contains(t.outsider().email()).contains(t.owner().email());
        assertThat(api.get(t.path("/access"), t.owner().token()).json().path("grants").get(0).path("email").asText())
                .isEqualTo(t.outsider().email());

        HttpResponse<String> revoked = owner.post(page + "/grants/remove", Map.of("email", t.outsider().email(),
                "csrf", owner.csrfOf(page)));
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(api.get(t.path("/access"), t.owner().token()).json().path("grants")).isEmpty();
    }

    @Test
    void grantingSomeoneWithoutAnAccountShowsTheApisMessageOnThePage() {
        TeamApp t = TeamApp.create(api, APP.<TestApiApplication>getApplication().jdbi());
        Browser owner = Browser.loggedIn(APP.getLocalPort(), t.owner());
        String page = "/apps/" + t.app() + "/access";

        HttpResponse<String> refused = owner.post(page + "/grants", Map.of("email", "nobody-here@example.com",
                "csrf", owner.csrfOf(page)));

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("role=\"alert\"").contains("they must register first").contains("Visibility");
    }

    @Test
    void aMemberCreatesATokenForTheAppThatIsShownOnceAndCallsOnlyThatApp() {
        TeamApp t = TeamApp.create(api, APP.<TestApiApplication>getApplication().jdbi());
        Browser member = Browser.loggedIn(APP.getLocalPort(), t.member());
        String page = "/apps/" + t.app() + "/access";
        assertThat(member.get(page).body()).contains("You have no tokens for " + t.app());

        HttpResponse<String> created = member.post(page + "/tokens", Map.of("name", "bot", "expiresInDays", "30",
                "csrf", member.csrfOf(page)));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        Matcher shown = SHOWN_TOKEN.matcher(created.body());
        assertThat(shown.find()).as(created.body()).isTrue();
        String token = shown.group(1);
        assertThat(created.body()).contains("token for app " + t.app()).contains("opens neither the API nor git");
        JsonNode listed = api.get("/api/v1/tokens", t.member().token()).json().get(0);
        assertThat(listed.path("app").asText()).isEqualTo(t.app());
        assertThat(listed.path("scopes").get(0).asText()).isEqualTo("mcp");
        assertThat(token).startsWith(listed.path("prefix").asText());
        assertThat(api.get("/api/v1/apps", token).status()).as("an app token opens no API").isEqualTo(401);

        String again = member.get(page).body();
        assertThat(again).contains("bot").contains(listed.path("prefix").asText()).doesNotContain(token);

        HttpResponse<String> revoked = member.post(page + "/tokens/" + listed.path("id").asLong() + "/revoke",
                Map.of("csrf", member.csrfOf(page)));
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(api.get("/api/v1/tokens", t.member().token()).json()).isEmpty();
    }

    @Test
    void anOwnerGrantsOneOfTheirTokensAndRevokesTheGrant() {
        TeamApp t = TeamApp.create(api, APP.<TestApiApplication>getApplication().jdbi());
        assertThat(api.post("/api/v1/tokens", Map.of("name", "ci", "app", t.app(), "scopes", new String[] {"mcp"}),
                t.owner().token()).status()).isEqualTo(201);
        Browser owner = Browser.loggedIn(APP.getLocalPort(), t.owner());
        String page = "/apps/" + t.app() + "/access";
        assertThat(owner.get(page).body()).contains("No token grants").contains("<option value=\"ci\">");

        HttpResponse<String> granted = owner.post(page + "/token-grants", Map.of("token", "ci", "csrf", owner.csrfOf(page)));

        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(303);
        JsonNode grant = api.get(t.path("/access"), t.owner().token()).json().path("tokenGrants").get(0);
        assertThat(grant.path("tokenName").asText()).isEqualTo("ci");
        HttpResponse<String> revoked = owner.post(page + "/token-grants/" + grant.path("tokenId").asLong() + "/remove",
                Map.of("csrf", owner.csrfOf(page)));
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(api.get(t.path("/access"), t.owner().token()).json().path("tokenGrants")).isEmpty();
    }

    @Test
    void membersAndViewersSeeAccessWithoutAdminButtonsAndTheServerRefusesThem() {
        TeamApp t = TeamApp.create(api, APP.<TestApiApplication>getApplication().jdbi());
        String page = "/apps/" + t.app() + "/access";

        for (ApiClient.User reader : new ApiClient.User[] {t.viewer(), t.member()}) {
            Browser browser = Browser.loggedIn(APP.getLocalPort(), reader);
            String shown = browser.get(page).body();
            assertThat(shown).contains("Anyone who has the URL").contains("An Admin or Owner of the team can change it")
                    .doesNotContain("Make private").doesNotContain("Grant access");
            String csrf = browser.csrfOf(page);
            assertThat(browser.post(page + "/visibility", Map.of("visibility", "private", "csrf", csrf)).statusCode())
                    .isEqualTo(403);
            assertThat(browser.post(page + "/grants", Map.of("email", t.outsider().email(), "csrf", csrf)).statusCode())
                    .isEqualTo(403);
        }
        JsonNode access = api.get(t.path("/access"), t.owner().token()).json();
        assertThat(access.path("visibility").asText()).isEqualTo("public");
        assertThat(access.path("grants")).isEmpty();
    }

    @Test
    void anOutsiderGetsNotFoundAndAPostWithoutCsrfChangesNothing() {
        TeamApp t = TeamApp.create(api, APP.<TestApiApplication>getApplication().jdbi());
        String page = "/apps/" + t.app() + "/access";
        Browser outsider = Browser.loggedIn(APP.getLocalPort(), t.outsider());
        assertThat(outsider.get(page).statusCode()).isEqualTo(404);

        Browser owner = Browser.loggedIn(APP.getLocalPort(), t.owner());
        HttpResponse<String> forged = owner.post(page + "/visibility", Map.of("visibility", "private"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(api.get(t.path("/access"), t.owner().token()).json().path("visibility").asText()).isEqualTo("public");
    }
}
