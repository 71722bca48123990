package cloud.nextmcp.router.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableResolveTest {
    private final Route live = new Route("weather", 1, "weather", "production", 3, null, List.of(new Backend("i1", "127.0.0.1:5001")));
    private final Route asleep = new Route("idle", 2, "idle", "production", 1, null, List.of());
    private final Route custom = new Route("mcp.example.com", 1, "weather", "custom", 3, null, live.backends());
    private final RouteTable table = new RouteTable("apps.test", PathFormHosts.of("apps.test", "platform.test"), List.of(live, asleep, custom));

    @Test
    void hostFormKeepsTheUriAndHasNoPrefix() {
        assertThat(table.resolve("WEATHER.apps.test:8080", "/mcp?x=1")).isEqualTo(new Resolution.Routed(live, "/mcp?x=1", null));
        assertThat(table.resolve("mcp.example.com.", "/mcp")).isEqualTo(new Resolution.Routed(custom, "/mcp", null));
    }

    @Test
    void pathFormStripsThePrefixOnHostsThatServeIt() {
        assertThat(table.resolve("127.0.0.1:8080", "/apps/Weather/mcp?x=1")).isEqualTo(new Resolution.Routed(live, "/mcp?x=1", "/apps/weather"));
        assertThat(table.resolve("localhost", "/apps/weather")).isEqualTo(new Resolution.Routed(live, "/", "/apps/weather"));
        assertThat(table.resolve("platform.test", "/apps/weather?x=1")).isEqualTo(new Resolution.Routed(live, "/?x=1", "/apps/weather"));
    }

    @Test
    void pathFormIsRefusedOnOtherNames() {
        assertThat(table.resolve("rebound.example.org", "/apps/weather/mcp")).isEqualTo(new Resolution.Unrouted("/apps/weather/mcp"));
        assertThat(table.resolve("nobody.apps.test", "/apps/weather/mcp")).isEqualTo(new Resolution.Unrouted("/apps/weather/mcp"));
        assertThat(table.resolve("localhost", "/apps/nobody/mcp")).isInstanceOf(Resolution.Unrouted.class);
    }

    @Test
    void anAppWithoutLiveInstancesIsItsOwnCase() {
        assertThat(table.resolve("idle.apps.test", "/mcp")).isEqualTo(new Resolution.NoLiveInstance(asleep, "/mcp", null));
        assertThat(table.resolve("localhost", "/apps/idle/mcp")).isEqualTo(new Resolution.NoLiveInstance(asleep, "/mcp", "/apps/idle"));
    }
}
