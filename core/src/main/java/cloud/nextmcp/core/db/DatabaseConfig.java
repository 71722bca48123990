package cloud.nextmcp.core.db;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where the platform's PostgreSQL is. With {@code url} unset, an embedded PostgreSQL is started
 * with its data under the platform's data directory; with {@code url} set, that server is used.
 */
public record DatabaseConfig(
        @JsonProperty("url") String url,
        @JsonProperty("user") String user,
        @JsonProperty("password") String password,
        @JsonProperty("maxConnections") Integer maxConnections) {

    public static DatabaseConfig embedded() {
        return new DatabaseConfig(null, null, null, null);
    }

    public boolean isEmbedded() {
        return url == null || url.isBlank();
    }

    public int maxConnectionsOrDefault() {
        return maxConnections == null ? 16 : maxConnections;
    }
}
