package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.db.DatabaseOutage;
import cloud.nextmcp.core.db.EmbeddedDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform and the PostgreSQL it embeds: a database that dies is started again while the API
 * answers 503 "try again", and a SIGTERM stops the roles before the database they write to.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDatabaseLifecycleIT {
    private static final String APP = "metered";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path tmp;
    private static Path data;
    private static PlatformProcess platform;
    private static String token;

    @BeforeAll
    static void startPlatformWithAnAccountAndAnApp() throws IOException {
        data = tmp.resolve("data");
        platform = new PlatformProcess(data, Map.of()).start();
        Cli cli = new Cli(Files.createDirectories(tmp.resolve("home")), platform.apiUrl());
        Path anywhere = Files.createDirectories(tmp.resolve("anywhere"));
        cli.runWithStdin(anywhere, "correct horse battery\n", "register", "--email", "dora@example.com", "--password-stdin");
        token = cli.ok(anywhere, "tokens", "create", "lifecycle-test").trim();
        cli.ok(anywhere, "apps", "create", APP);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void aKilledDatabaseIsRestartedWhileTheApiAnswers503AndTheDataIsStillThere() throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).trim());
        int logBefore = platform.logText().length();
        ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();

        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> unavailable = null;
        HttpResponse<String> last = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            last = apps();
            statuses.add(last.statusCode());
            if (last.statusCode() == 503 && unavailable == null) {
                unavailable = last;
            }
            if (last.statusCode() == 200) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(statuses).as("API answers after the kill" + platform.logText()).doesNotContain(500);
        assertThat(unavailable).as("a 503 while the database was down; answers: " + statuses).isNotNull();
        assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
        assertThat(unavailable.body()).contains(DatabaseOutage.MESSAGE);
        assertThat(last.statusCode()).as("the API recovered by itself; answers: " + statuses + platform.logText()).isEqualTo(200);
        assertThat(last.body()).as("the app made before the kill").contains(APP);
        String outage = platform.logText().substring(logBefore);
        assertThat(outage).contains("has stopped; starting it again")
                .as("the outage is logged in lines that say so, not as errors with stack traces")
                .doesNotContain("ERROR").doesNotContain("\tat ");
    }

    @Test
    @Order(2)
    void sigtermAfterRouterTrafficStopsCleanlyAndKeepsTheLastMinutesMetrics() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(platform.routerUrl() + "/apps/" + APP + "/mcp"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("not deployed yet").isEqualTo(503);
        }
        int before = platform.logText().length();

        platform.stop();

        String shutdown = platform.logText().substring(before);
        assertThat(shutdown).as("the log of the shutdown").doesNotContain("WARN").doesNotContain("ERROR")
                .doesNotContain("Exception").doesNotContain("\tat ");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data.resolve("postgres"), data.resolve("postgres-socket"),
                data.resolve("secrets"));
             Connection c = DriverManager.getConnection(db.connectionInfo().jdbcUrl(), db.connectionInfo().user(),
                     db.connectionInfo().password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(sum(m.requests), 0) FROM app_metrics_minutely m"
                     + " JOIN apps a ON a.id = m.app_id WHERE a.name = '" + APP + "' AND m.instance_id = ''")) {
            rs.next();
            assertThat(rs.getLong(1)).as("requests of the last minute, flushed at shutdown").isEqualTo(5);
        }
    }

    private static HttpResponse<String> apps() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.apiUrl() + "/api/v1/apps"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
