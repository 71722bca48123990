package cloud.nextmcp.cli.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code nextmcp login} remembers, bound to the API that issued it. An API token
 * login ({@code --token}) has no refresh token and no expiry.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Credentials(
        String apiUrl,
        String email,
        String accessToken,
        String accessTokenExpiresAt,
        String refreshToken,
        String refreshTokenExpiresAt) {

    /** Credentials from a {@code Session} the API returned on register, login or refresh. */
    public static Credentials fromSession(String apiUrl, JsonNode session) {
        return new Credentials(
                apiUrl,
                session.path("user").path("email").asText(null),
                session.path("accessToken").asText(null),
                session.path("accessTokenExpiresAt").asText(null),
                session.path("refreshToken").asText(null),
                session.path("refreshTokenExpiresAt").asText(null));
    }

    public static Credentials fromApiToken(String apiUrl, String email, String token) {
        return new Credentials(apiUrl, email, token, null, null, null);
    }

    public boolean renewable() {
        return refreshToken != null;
    }
}
