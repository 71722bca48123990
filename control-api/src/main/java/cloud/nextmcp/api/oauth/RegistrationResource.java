package cloud.nextmcp.api.oauth;

import cloud.nextmcp.api.auth.RateLimited;
import cloud.nextmcp.core.oauth.OAuthClientDao;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Dynamic Client Registration (RFC 7591), public clients only: PKCE replaces a client secret. */
@Path("/oauth/register")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RateLimited
public final class RegistrationResource {
    private static final int MAX_REDIRECTS = 10;

    private final Jdbi jdbi;
    private final SecureRandom random;
    private final Clock clock;

    public RegistrationResource(Jdbi jdbi, SecureRandom random, Clock clock) {
        this.jdbi = jdbi;
        this.random = random;
        this.clock = clock;
    }

    @POST
    public Response register(JsonNode body) {
        if (body == null || !body.path("redirect_uris").isArray() || body.path("redirect_uris").isEmpty()) {
            return OAuthError.badRequest("invalid_redirect_uri", "redirect_uris must list at least one URI");
        }
        List<String> uris = new ArrayList<>();
        for (JsonNode u : body.path("redirect_uris")) {
            String problem = RedirectUris.problem(u.asText());
            if (problem != null) {
                return OAuthError.badRequest("invalid_redirect_uri", problem);
            }
            uris.add(u.asText());
        }
        if (uris.size() > MAX_REDIRECTS) {
            return OAuthError.badRequest("invalid_redirect_uri", "at most " + MAX_REDIRECTS + " redirect URIs");
        }
        byte[] id = new byte[18];
        random.nextBytes(id);
        String clientId = "nmc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        String name = body.path("client_name").asText("");
        String stored = name.isBlank() ? clientId : name.length() > 100 ? name.substring(0, 100) : name;
        jdbi.useHandle(h -> h.attach(OAuthClientDao.class).upsert(clientId, stored, uris.toArray(String[]::new), false));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("client_id", clientId);
        answer.put("client_id_issued_at", clock.instant().getEpochSecond());
        answer.put("client_name", stored);
        answer.put("redirect_uris", uris);
        answer.put("token_endpoint_auth_method", "none");
        answer.put("grant_types", List.of("authorization_code", "refresh_token"));
        answer.put("response_types", List.of("code"));
        answer.put("scope", "mcp");
        return Response.status(Response.Status.CREATED).header("Cache-Control", "no-store").entity(answer).build();
    }
}
