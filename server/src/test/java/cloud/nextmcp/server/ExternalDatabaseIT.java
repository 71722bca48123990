package cloud.nextmcp.server;

import cloud.nextmcp.core.testing.Prerequisites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same binary against an external PostgreSQL given as {@code database.url}: bin/test (and so
 * CI) starts a throwaway server from Debian's binaries and passes its URL in
 * NEXTMCP_TEST_EXTERNAL_DATABASE_URL.
 */
class ExternalDatabaseIT {
    @TempDir
    Path tmp;

    @Test
    void platformKeepsAccountsInTheExternalDatabaseAcrossRestarts() throws Exception {
        String url = System.getenv("NEXTMCP_TEST_EXTERNAL_DATABASE_URL");
        String user = System.getenv().getOrDefault("NEXTMCP_TEST_EXTERNAL_DATABASE_USER", "postgres");
        Prerequisites.require(url != null, "an external PostgreSQL in NEXTMCP_TEST_EXTERNAL_DATABASE_URL (bin/test starts one)");
        Path data = tmp.resolve("data");
        Map<String, String> env = Map.of("NEXTMCP_DATABASE_URL", url, "NEXTMCP_DATABASE_USER", user,
                "NEXTMCP_DATABASE_PASSWORD", "");
        String email = "ext-" + UUID.randomUUID() + "@example.com";
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}";
        HttpClient http = HttpClient.newHttpClient();

        try (PlatformProcess platform = new PlatformProcess(data, env).start()) {
            assertThat(post(http, platform.apiUrl() + "/api/v1/auth/register", credentials).statusCode()).isEqualTo(201);
            platform.stop();

            platform.start();
            HttpResponse<String> login = post(http, platform.apiUrl() + "/api/v1/auth/login", credentials);
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(login.body()).contains("accessToken");
        }

        try (Connection c = DriverManager.getConnection(url, user, "");
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM users WHERE email = ?")) {
            s.setString(1, email);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("the user row lives in the external database").isEqualTo(1);
            }
        }
        assertThat(Files.exists(data.resolve("postgres"))).as("no embedded PostgreSQL was started").isFalse();
    }

    private static HttpResponse<String> post(HttpClient http, String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
