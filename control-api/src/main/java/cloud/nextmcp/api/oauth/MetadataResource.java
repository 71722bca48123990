package cloud.nextmcp.api.oauth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Authorization server metadata (RFC 8414, and the OpenID discovery path MCP clients also try) and the JWKS. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class MetadataResource {
    private final String issuer;
    private final SigningKeys keys;

    public MetadataResource(String issuer, SigningKeys keys) {
        this.issuer = issuer;
        this.keys = keys;
    }

    @GET
    @Path(".well-known/oauth-authorization-server")
    public Map<String, Object> authorizationServer() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("authorization_endpoint", issuer + "/oauth/authorize");
        m.put("token_endpoint", issuer + "/oauth/token");
        m.put("registration_endpoint", issuer + "/oauth/register");
        m.put("jwks_uri", issuer + "/oauth/jwks");
        m.put("scopes_supported", List.of("mcp"));
        m.put("response_types_supported", List.of("code"));
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("token_endpoint_auth_methods_supported", List.of("none"));
        m.put("client_id_metadata_document_supported", true);
        m.put("authorization_response_iss_parameter_supported", true);
        return m;
    }

    @GET
    @Path(".well-known/openid-configuration")
    public Map<String, Object> openIdConfiguration() {
        Map<String, Object> m = authorizationServer();
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of("ES256"));
        return m;
    }

    @GET
    @Path("oauth/jwks")
    public Map<String, Object> jwks() {
        return keys.jwks();
    }
}
