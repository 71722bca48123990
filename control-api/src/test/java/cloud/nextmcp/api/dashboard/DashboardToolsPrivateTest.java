package cloud.nextmcp.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Tools page and a private app, without a router (the DashboardIT journey has one): the page
 * makes a short token bound to the app in the viewer's name and revokes it after the exchange, even
 * a failed one; a public app gets none; someone outside the team gets nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardToolsPrivateTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    private static ApiClient api;
    private static Jdbi jdbi;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
        jdbi = APP.<TestApiApplication>getApplication().jdbi();
    }

    record Row(long userId, Long appId, List<String> scopes, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    }

    private static List<Row> sessionTokens(String app) {
        return jdbi.withHandle(h -> h.createQuery("SELECT user_id, app_id, scopes, created_at, expires_at, revoked_at "
                        + "FROM api_tokens WHERE name = :name ORDER BY id").bind("name", "dashboard tools of " + app)
                .map((rs, ctx) -> new Row(rs.getLong(1), (Long) rs.getObject(2),
                        List.of((String[]) rs.getArray(3).getArray()), rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
                .list());
    }

    @Test
    void aViewerOfAPrivateAppGetsATokenForOneExchangeThatIsRevokedAfterIt() {
        TeamApp t = TeamApp.create(api, jdbi);
        String page = "/apps/" + t.app() + "/tools";
        Browser viewer = Browser.loggedIn(APP.getLocalPort(), t.viewer());
        viewer.get(page);
        assertThat(sessionTokens(t.app())).as("a public app is called without a token").isEmpty();

        assertThat(api.put(t.path("/access/visibility"), Map.of("visibility", "private"), t.owner().token()).status())
                .isEqualTo(200);
        var shown = viewer.get(page);
        // No router runs here: the page says it could not reach the app, and shows no token.
        assertThat(shown.body()).contains("Could not talk to " + t.app()).doesNotContain("nmcp_");

        List<Row> rows = sessionTokens(t.app());
        assertThat(rows).hasSize(1);
        Row row = rows.get(0);
        assertThat(row.userId()).isEqualTo(t.userId(api, t.viewer()));
        assertThat(row.appId()).isEqualTo(t.appId());
        assertThat(row.scopes()).containsExactly("mcp");
        assertThat(Duration.between(row.createdAt(), row.expiresAt())).isLessThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(row.revokedAt()).as("revoked once the exchange is over").isNotNull();
        assertThat(api.get("/api/v1/tokens", t.viewer().token()).json()).isEmpty();

        Browser outsider = Browser.loggedIn(APP.getLocalPort(), t.outsider());
        assertThat(outsider.get(page).statusCode()).isEqualTo(404);
        assertThat(sessionTokens(t.app())).hasSize(1);
    }
}
