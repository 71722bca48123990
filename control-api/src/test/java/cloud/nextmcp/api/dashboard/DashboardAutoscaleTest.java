package cloud.nextmcp.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import cloud.nextmcp.core.autoscale.AutoscaleStateDao;
import cloud.nextmcp.core.autoscale.SleepState;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Releases page's autoscaling form: a Member turns it on and off through the autoscale API, the
 * page shows the settings and the sleep state, scale meanwhile shows the API's refusal; a Viewer only reads.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardAutoscaleTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    private static ApiClient api;
    private static Jdbi jdbi;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
        jdbi = APP.<TestApiApplication>getApplication().jdbi();
    }

    @Test
    void aMemberAutoscalesScaleIsRefusedMeanwhileAndAViewerOnlyReads() {
        TeamApp t = TeamApp.create(api, jdbi);
        String page = "/apps/" + t.app() + "/releases";

        Browser member = Browser.loggedIn(APP.getLocalPort(), t.member());
        assertThat(member.get(page).body()).contains("Off: the app runs the instance count set by Scale")
                .contains(">Autoscale<").doesNotContain(">Autoscaling off<");
        HttpResponse<String> invalid = member.post(page + "/autoscale",
                Map.of("min", "3", "max", "2", "idleSeconds", "", "concurrency", "", "csrf", member.csrfOf(page)));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("&#39;max&#39; (2) must not be below &#39;min&#39; (3)");

        HttpResponse<String> on = member.post(page + "/autoscale",
                Map.of("min", "0", "max", "3", "idleSeconds", "", "concurrency", "", "csrf", member.csrfOf(page)));
        assertThat(on.statusCode()).as(on.body()).isEqualTo(303);
        assertThat(on.headers().firstValue("Location").orElseThrow()).endsWith(page + "?notice=autoscaled");
        JsonNode settings = api.get(t.path("/autoscale"), t.viewer().token()).json();
        assertThat(settings.path("enabled").asBoolean()).isTrue();
        assertThat(settings.path("min").asInt()).isZero();
        assertThat(settings.path("max").asInt()).isEqualTo(3);
        assertThat(settings.path("idleSeconds").asInt()).as("empty field: the API's default").isEqualTo(300);
        assertThat(settings.path("concurrency").asInt()).as("empty field: the API's default").isEqualTo(20);
        assertThat(member.get(page).body()).contains("On: 0 to 3 web instances").contains("asleep after 300 s")
                .contains("The autoscaler has not decided yet").contains("value=\"300\"").contains(">Autoscaling off<");

        // What the runtime's autoscaler writes once the app has been idle.
        jdbi.useHandle(h -> h.attach(AutoscaleStateDao.class).put(t.appId(), 0, SleepState.ASLEEP.dbValue(), null));
        Browser viewer = Browser.loggedIn(APP.getLocalPort(), t.viewer());
        String seen = viewer.get(page).body();
        assertThat(seen).contains("On: 0 to 3 web instances").contains(">asleep<").contains("0 wanted")
                .doesNotContain(">Autoscale<").doesNotContain(">Autoscaling off<");
        HttpResponse<String> refused = viewer.post(page + "/autoscale/off", Map.of("csrf", viewer.csrfOf(page)));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(api.get(t.path("/autoscale"), t.viewer().token()).json().path("enabled").asBoolean()).isTrue();

        HttpResponse<String> scale = member.post(page + "/scale", Map.of("quantity", "2", "csrf", member.csrfOf(page)));
        assertThat(scale.statusCode()).isEqualTo(409);
        assertThat(scale.body()).contains("autoscales web between 0 and 3");

        HttpResponse<String> off = member.post(page + "/autoscale/off", Map.of("csrf", member.csrfOf(page)));
        assertThat(off.statusCode()).as(off.body()).isEqualTo(303);
        assertThat(api.get(t.path("/autoscale"), t.viewer().token()).json().path("enabled").asBoolean()).isFalse();
        assertThat(member.get(page + "?notice=autoscale-off").body()).contains("Autoscaling off: the app runs")
                .contains("Off: the app runs the instance count set by Scale");
        HttpResponse<String> scaled = member.post(page + "/scale", Map.of("quantity", "2", "csrf", member.csrfOf(page)));
        assertThat(scaled.statusCode()).as(scaled.body()).isEqualTo(303);
    }
}
