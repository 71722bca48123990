package cloud.nextmcp.router.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Previews answer at their host and, without DNS, at the path form by their name, like production. */
class RouteTableTest {
    @Test
    void previewsAreServedByHostAndByThePathForm() {
        Route production = new Route("weather", 1, "weather", "production", 3, null, List.of());
        Route preview = new Route("pr-7--weather", 2, "pr-7--weather", "preview", 1, null, List.of());
        Route custom = new Route("mcp.example.com", 1, "weather", "custom", 3, null, List.of());
        RouteTable table = new RouteTable("apps.example.net", List.of(production, preview, custom));

        assertThat(table.forHost("pr-7--weather.apps.example.net")).isEqualTo(preview);
        assertThat(table.forHost("weather.apps.example.net:8080")).isEqualTo(production);
        assertThat(table.forAppName("pr-7--weather")).isEqualTo(preview);
        assertThat(table.forAppName("weather")).as("a custom domain never stands for the app").isEqualTo(production);
        assertThat(table.forAppName("pr-8--weather")).isNull();
    }
}
