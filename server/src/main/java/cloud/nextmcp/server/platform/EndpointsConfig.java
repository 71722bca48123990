package cloud.nextmcp.server.platform;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Public addresses users see, when they differ from what the process binds (behind a load
 * balancer, on a real domain). Every field is optional; unset ones derive from
 * {@code publicHost} and the roles' ports.
 */
public record EndpointsConfig(
        @JsonProperty("apiUrl") String apiUrl,
        @JsonProperty("gitHost") String gitHost,
        @JsonProperty("gitSshPort") Integer gitSshPort,
        @JsonProperty("gitHttpUrl") String gitHttpUrl,
        @JsonProperty("routerUrl") String routerUrl) {

    public static EndpointsConfig derived() {
        return new EndpointsConfig(null, null, null, null, null);
    }
}
