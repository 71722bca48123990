package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The auth endpoints allow 3 requests a minute per client here; the client is the proxy's X-Forwarded-For entry. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitApiTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"),
            ConfigOverride.config("api.authRateLimitPerMinute", "3"),
            ConfigOverride.config("api.trustForwardedFor", "true"));

    static ApiClient api;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
    }

    private static Reply login(String forwardedFor) {
        return api.raw("POST", "/api/v1/auth/login", "{\"email\":\"mallory@example.com\",\"password\":\"guess-guess\"}",
                "application/json", Map.of("X-Forwarded-For", forwardedFor));
    }

    @Test
    void theFourthAttemptWithinAMinuteIs429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(login("198.51.100.7").status()).isEqualTo(401);
        }

        Reply limited = login("198.51.100.7");

        assertProblem(limited, 429, "too many sign-in requests");
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 20L);
        assertThat(limited.detail()).contains("try again in " + retryAfter + " seconds");
        assertThat(limited.header("Connection")).as("the unread body spoils the connection").isEqualTo("close");
        // A client cannot escape by putting another address first: only the entry our proxy appended counts.
        assertThat(login("203.0.113.50, 198.51.100.7").status()).isEqualTo(429);
        assertThat(api.raw("POST", "/api/v1/auth/register", "{}", "application/json",
                Map.of("X-Forwarded-For", "198.51.100.7")).status()).isEqualTo(429);
        // Other clients and other endpoints are not affected.
        assertThat(login("198.51.100.8").status()).isEqualTo(401);
        assertThat(api.raw("GET", "/api/v1/info", null, null, Map.of("X-Forwarded-For", "198.51.100.7")).status())
                .isEqualTo(200);
    }

    @Test
    void theAuditLogRecordsTheForwardedClientAddress() {
        Reply registered = api.raw("POST", "/api/v1/auth/register",
                "{\"email\":\"proxied@example.com\",\"password\":\"" + ApiClient.PASSWORD + "\"}", "application/json",
                Map.of("X-Forwarded-For", "192.0.2.44"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        TestApiApplication app = APP.getApplication();
        List<String> sources = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT source_ip FROM audit_log WHERE actor_email = 'proxied@example.com'").mapTo(String.class).list());
        assertThat(sources).containsExactly("192.0.2.44");
    }
}
