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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The metrics page shows p50, p95 and p99 from the router's minutes, in the figures, the chart data and the table. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardMetricsTest {
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

    @Test
    void theLatencyFiguresChartAndTableIncludeP95() {
        TeamApp t = TeamApp.create(api, jdbi);
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
        jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO app_metrics_minutely (app_id, minute, requests, status_2xx, latency_ms_p50, "
                    + "latency_ms_p95, latency_ms_p99) VALUES (:app, :minute, 12, 12, 11, 77, 130)")
                    .bind("app", t.appId()).bind("minute", minute).execute();
            h.createUpdate("INSERT INTO mcp_metrics_minutely (app_id, minute, method, tool, calls, errors, latency_ms_p50, "
                    + "latency_ms_p95, latency_ms_p99) VALUES (:app, :minute, 'tools/call', 'greet', 5, 0, 9, 66, 140)")
                    .bind("app", t.appId()).bind("minute", minute).execute();
        });
        Browser viewer = new Browser(APP.getLocalPort());
        HttpResponse<String> login = viewer.post("/login", Map.of("email", t.viewer().email(), "password",
                ApiClient.PASSWORD, "csrf", viewer.csrfOf("/login")));
        assertThat(login.statusCode()).isEqualTo(303);

        HttpResponse<String> page = viewer.get("/apps/" + t.app() + "/metrics");

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("p95 (upper bound)</span><strong>77 ms")
                .contains("&quot;p95&quot;:[77.0]").contains("<th scope=\"col\">p95</th>")
                .contains("<td>66 ms</td>").contains("aria-label=\"Latency p50, p95 and p99 per minute\"");
    }
}
