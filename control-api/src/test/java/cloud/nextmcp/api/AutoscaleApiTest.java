package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Notifications;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import cloud.nextmcp.core.audit.AuditEntry;
import cloud.nextmcp.core.audit.AuditLog;
import cloud.nextmcp.core.autoscale.AutoscaleSettingsDao;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Autoscaling of an app through the API: who may change it, what is checked, what scale does meanwhile. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AutoscaleApiTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    static ApiClient api;
    static Jdbi jdbi;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
        jdbi = APP.<TestApiApplication>getApplication().jdbi();
    }

    @Test
    void aMemberTurnsItOnAndOffTheRuntimeAndRoutersAreToldAndScaleIsRefusedMeanwhile() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);
        assertThat(api.get(t.path("/autoscale"), t.viewer().token()).json().path("enabled").asBoolean()).isFalse();

        Reply on;
        try (Notifications apps = new Notifications(APP.<TestApiApplication>getApplication().database().connectionInfo(), "apps");
             Notifications routers = new Notifications(APP.<TestApiApplication>getApplication().database().connectionInfo(), "autoscale")) {
            on = api.put(t.path("/autoscale"), Map.of("min", 0, "max", 3), t.member().token());
            assertThat(apps.payloads()).containsExactly(Long.toString(t.appId()));
            assertThat(routers.payloads()).containsExactly(Long.toString(t.appId()));
        }
        assertThat(on.status()).as(on.toString()).isEqualTo(200);
        JsonNode view = on.json();
        assertThat(view.path("enabled").asBoolean()).isTrue();
        assertThat(view.path("min").asInt()).isZero();
        assertThat(view.path("max").asInt()).isEqualTo(3);
        assertThat(view.path("idleSeconds").asInt()).as("default").isEqualTo(300);
        assertThat(view.path("concurrency").asInt()).as("default").isEqualTo(20);
        assertThat(view.path("state").isNull()).as("the autoscaler has not decided yet").isTrue();

        Reply changed = api.put(t.path("/autoscale"), Map.of("idleSeconds", 60), t.member().token());
        assertThat(changed.json().path("idleSeconds").asInt()).isEqualTo(60);
        assertThat(changed.json().path("max").asInt()).as("kept").isEqualTo(3);

        assertProblem(api.put(t.path("/formation/web"), Map.of("quantity", 2), t.member().token()), 409,
                "autoscales web between 0 and 3");

        Reply off = api.delete(t.path("/autoscale"), t.member().token());
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().path("enabled").asBoolean()).isFalse();
        assertThat(jdbi.onDemand(AutoscaleSettingsDao.class).find(t.appId())).isEmpty();
        assertThat(api.put(t.path("/formation/web"), Map.of("quantity", 2), t.member().token()).status()).isEqualTo(200);

        long memberId = t.userId(api, t.member());
        List<AuditEntry> audit = jdbi.withHandle(h -> h.attach(AuditLog.class).byActor(memberId, 4));
        assertThat(audit).extracting(AuditEntry::action).contains("autoscale.set", "autoscale.off");
    }

    @Test
    void viewersReadOutsidersSeeNothingAndValuesAreChecked() {
        TeamApp t = TeamApp.create(api, jdbi);
        assertProblem(api.put(t.path("/autoscale"), Map.of("min", 0, "max", 2), t.viewer().token()), 403, "autoscaling needs member");
        assertProblem(api.get(t.path("/autoscale"), t.outsider().token()), 404, "not found");
        assertProblem(api.put(t.path("/autoscale"), Map.of("max", 2), t.member().token()), 422, "'min' and 'max' are required");
        assertProblem(api.put(t.path("/autoscale"), Map.of("min", 3, "max", 2), t.member().token()), 422,
                "'max' (2) must not be below 'min' (3)");
        assertProblem(api.put(t.path("/autoscale"), Map.of("min", 0, "max", 11), t.member().token()), 422, "between 1 and 10");
        assertProblem(api.put(t.path("/autoscale"), Map.of("min", 0, "max", 2, "idleSeconds", 0), t.member().token()), 422,
                "'idleSeconds' must be between 1");
        assertProblem(api.put(t.path("/autoscale"), Map.of("min", 0, "max", 2, "concurrency", 0), t.member().token()), 422,
                "'concurrency' must be between 1");
        assertThat(jdbi.onDemand(AutoscaleSettingsDao.class).find(t.appId())).isEmpty();
    }
}
