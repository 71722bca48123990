package cloud.nextmcp.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.github.Preview;
import cloud.nextmcp.core.github.PreviewDao;
import cloud.nextmcp.core.github.Previews;
import cloud.nextmcp.core.releases.ConfigVars;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A preview made as the GitHub worker makes it (config and visibility inherited), on the Previews page, destroyed by a
 * Member; GitHub is not set up here, so the page says so instead of offering to connect.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardPreviewsTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));
    private static final String SHA = "4f2a9c1e0d1a26e67d8f5eaf1f6ba5c57fc3c7d9";

    private static ApiClient api;
    private static Jdbi jdbi;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
        jdbi = APP.<TestApiApplication>getApplication().jdbi();
    }

    private static Browser loggedIn(ApiClient.User user) {
        Browser browser = new Browser(APP.getLocalPort());
        HttpResponse<String> login = browser.post("/login",
                Map.of("email", user.email(), "password", ApiClient.PASSWORD, "csrf", browser.csrfOf("/login")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
        return browser;
    }

    @Test
    void aPreviewInheritsConfigIsListedWithItsUrlAndAMemberDestroysIt() {
        TeamApp t = TeamApp.create(api, jdbi);
        assertThat(api.patch(t.path("/config"), Map.of("REGION", "eu"), t.owner().token()).status()).isEqualTo(200);
        assertThat(api.put(t.path("/access/visibility"), Map.of("visibility", "private"), t.owner().token()).status())
                .isEqualTo(200);
        Previews previews = new Previews(new ConfigVars(TestApiApplication.SECRET_BOX),
                new Entitlements(BillingConfig.disabled(), Clock.systemUTC()));
        Preview preview = jdbi.inTransaction(h -> {
            App parent = h.attach(AppDao.class).findById(t.appId()).orElseThrow();
            Preview p = previews.ensure(h, parent, "pr-3", 3, "feature/tools");
            h.attach(PreviewDao.class).touch(p.appId(), SHA);
            return p;
        });
        String previewApp = "pr-3--" + t.app();
        assertThat(preview.name()).isEqualTo(previewApp);
        assertThat(api.get("/api/v1/apps/" + previewApp + "/config", t.member().token()).json().path("REGION").asText())
                .as("inherited at creation").isEqualTo("eu");
        assertThat(api.get("/api/v1/apps", t.owner().token()).body()).doesNotContain(previewApp);
        assertThat(api.get("/api/v1/apps/" + previewApp + "/access", t.viewer().token()).json().path("visibility").asText())
                .as("a private app's preview is private").isEqualTo("private");

        String page = "/apps/" + t.app() + "/previews";
        Browser viewer = loggedIn(t.viewer());
        String shown = viewer.get(page).body();
        assertThat(shown).contains("pr-3").contains("PR #3").contains("http://" + previewApp + ".localhost:8080")
                .contains("4f2a9c1").contains("feature/tools").doesNotContain(">Destroy<");

        Browser member = loggedIn(t.member());
        assertThat(member.get(page).body()).contains(">Destroy<")
                .as("no GitHub on this platform: the API's reason, no connect form")
                .contains("GitHub is not set up on this platform").doesNotContain("previews/github\"");
        HttpResponse<String> destroyed = member.post(page + "/destroy", Map.of("preview", "pr-3", "csrf", member.csrfOf(page)));
        assertThat(destroyed.statusCode()).as(destroyed.body()).isEqualTo(303);
        assertThat(member.get(page).body()).contains("No previews");
        assertThat(api.get(t.path("/previews"), t.member().token()).json()).isEmpty();
        assertThat(api.get("/api/v1/apps/" + previewApp + "/config", t.member().token()).status()).isEqualTo(404);
    }
}
