package cloud.nextmcp.api.oauth;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * OAuth's own error answer ({@code {"error": …, "error_description": …}}, RFC 6749 §5.2), which
 * OAuth clients parse; the protocol endpoints use it instead of problem documents.
 */
final class OAuthError {
    private OAuthError() {
    }

    static Response of(int status, String error, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
                .entity(Map.of("error", error, "error_description", description)).build();
    }

    static Response badRequest(String error, String description) {
        return of(400, error, description);
    }
}
