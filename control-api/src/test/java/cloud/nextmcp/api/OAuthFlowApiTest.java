package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The authorization server end to end over HTTP: registration, PKCE, consent, tokens, refresh rotation, consents. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OAuthFlowApiTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));
    private static final String REDIRECT = "http://127.0.0.1/callback";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-0123456789";

    static ApiClient api;
    static Jdbi jdbi;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
        jdbi = APP.<TestApiApplication>getApplication().jdbi();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Reply post(String path, Map<String, String> fields) {
        return api.raw("POST", path, form(fields), "application/x-www-form-urlencoded", Map.of());
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String register() {
        Reply r = api.post("/oauth/register", Map.of("redirect_uris", List.of(REDIRECT), "client_name", "Test client"), null);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("token_endpoint_auth_method").asText()).isEqualTo("none");
        return r.json().path("client_id").asText();
    }

    private static Map<String, String> authorizeParams(String clientId, String resource) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", clientId);
        p.put("redirect_uri", "http://127.0.0.1:53682/callback");
        p.put("code_challenge", challenge(VERIFIER));
        p.put("code_challenge_method", "S256");
        p.put("resource", resource);
        p.put("scope", "mcp");
        p.put("state", "st-1");
        return p;
    }

    private static Map<String, String> query(String location) {
        Map<String, String> q = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    /** Signs in on the consent page and returns the redirect's query. */
    private static Map<String, String> consent(Map<String, String> params, ApiClient.User user) {
        Map<String, String> f = new LinkedHashMap<>(params);
        f.put("email", user.email());
        f.put("password", ApiClient.PASSWORD);
        f.put("decision", "allow");
        Reply r = post("/oauth/authorize", f);
        assertThat(r.status()).as(r.toString()).isEqualTo(302);
        assertThat(r.header("Location")).startsWith("http://127.0.0.1:53682/callback?");
        return query(r.header("Location"));
    }

    private static Reply exchange(String clientId, String code, String verifier) {
        return post("/oauth/token", Map.of("grant_type", "authorization_code", "code", code, "code_verifier", verifier,
                "client_id", clientId, "redirect_uri", "http://127.0.0.1:53682/callback"));
    }

    @Test
    void metadataAdvertisesPkceS256RegistrationAndClientMetadataDocuments() {
        for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration")) {
            JsonNode m = api.get(path, null).json();
            assertThat(m.path("issuer").asText()).isEqualTo("http://localhost:8000");
            assertThat(m.path("authorization_endpoint").asText()).isEqualTo("http://localhost:8000/oauth/authorize");
            assertThat(m.path("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
            assertThat(m.path("registration_endpoint").asText()).endsWith("/oauth/register");
            assertThat(m.path("client_id_metadata_document_supported").asBoolean()).isTrue();
        }
    }

    @Test
    void codeFlowWithPkceGivesAnAudienceBoundEs256TokenThatRotatesOnRefresh() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);
        api.put(t.path("/access/visibility"), Map.of("visibility", "private"), t.owner().token());
        String clientId = register();
        String resource = "http://" + t.app() + ".localhost:8080";
        Map<String, String> params = authorizeParams(clientId, resource);
        String query = form(params);
        Reply page = api.get("/oauth/authorize?" + query, null);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body()).contains("Test client", t.app(), "name=\"password\"");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");

        Map<String, String> back = consent(params, t.viewer());
        assertThat(back).containsEntry("state", "st-1").containsEntry("iss", "http://localhost:8000");
        Reply tokens = exchange(clientId, back.get("code"), VERIFIER);
        assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
        assertThat(tokens.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = tokens.json();
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(3600);

        DecodedJWT jwt = JWT.decode(body.path("access_token").asText());
        assertThat(jwt.getAlgorithm()).isEqualTo("ES256");
        assertThat(jwt.getAudience()).containsExactly(resource + "/");
        assertThat(jwt.getClaim("client_id").asString()).isEqualTo(clientId);
        assertThat(jwt.getClaim("scope").asString()).isEqualTo("mcp");
        assertThat(jwt.getExpiresAtAsInstant()).isEqualTo(jwt.getIssuedAtAsInstant().plusSeconds(3600));
        JWT.require(Algorithm.ECDSA256(jwksKey(jwt.getKeyId()), null)).build().verify(jwt);
        // The token opens no API endpoint: the API takes its own sessions and API tokens only.
        assertProblem(api.get("/api/v1/users/me", jwt.getToken()), 401, "not valid here");

        assertThat(exchange(clientId, back.get("code"), VERIFIER).json().path("error").asText()).isEqualTo("invalid_grant");

        String refresh = body.path("refresh_token").asText();
        Reply rotated = post("/oauth/token", Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", clientId));
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String next = rotated.json().path("refresh_token").asText();
        assertThat(next).isNotEqualTo(refresh);
        Reply reused = post("/oauth/token", Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", clientId));
        assertThat(reused.json().path("error").asText()).isEqualTo("invalid_grant");
        Reply afterReuse = post("/oauth/token", Map.of("grant_type", "refresh_token", "refresh_token", next, "client_id", clientId));
        assertThat(afterReuse.json().path("error").asText()).as("the whole family is revoked").isEqualTo("invalid_grant");

        JsonNode consents = api.get("/api/v1/oauth/consents", t.viewer().token()).json();
        assertThat(consents).hasSize(1);
        assertThat(consents.get(0).path("app").asText()).isEqualTo(t.app());
        assertThat(api.delete("/api/v1/oauth/consents?app=" + t.app() + "&client=" + clientId, t.viewer().token()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/oauth/consents", t.viewer().token()).json()).isEmpty();
        assertThat(audit(t.app())).contains("oauth.consent", "oauth.consent_revoke");
    }

    @Test
    void refusals() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);
        api.put(t.path("/access/visibility"), Map.of("visibility", "private"), t.owner().token());
        String clientId = register();
        String resource = "http://127.0.0.1:8080/apps/" + t.app() + "/";

        Map<String, String> wrongRedirect = new LinkedHashMap<>(authorizeParams(clientId, resource));
        wrongRedirect.put("redirect_uri", "http://127.0.0.1:53682/elsewhere");
        Reply page = api.get("/oauth/authorize?" + form(wrongRedirect), null);
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.header("Location")).isNull();
        assertThat(api.get("/oauth/authorize?" + form(authorizeParams("nmc_unknown", resource)), null).status()).isEqualTo(400);

        Map<String, String> noResource = new LinkedHashMap<>(authorizeParams(clientId, resource));
        noResource.remove("resource");
        assertThat(query(api.get("/oauth/authorize?" + form(noResource), null).header("Location"))).containsEntry("error", "invalid_target");
        Map<String, String> plain = new LinkedHashMap<>(authorizeParams(clientId, resource));
        plain.put("code_challenge_method", "plain");
        assertThat(query(api.get("/oauth/authorize?" + form(plain), null).header("Location"))).containsEntry("error", "invalid_request");

        assertThat(consent(authorizeParams(clientId, resource), t.outsider())).containsEntry("error", "access_denied");

        Map<String, String> back = consent(authorizeParams(clientId, resource), t.member());
        Reply wrongVerifier = exchange(clientId, back.get("code"), VERIFIER.replace('0', '1'));
        assertThat(wrongVerifier.json().path("error").asText()).isEqualTo("invalid_grant");
        DecodedJWT jwt = JWT.decode(exchange(clientId, consent(authorizeParams(clientId, resource), t.member()).get("code"), VERIFIER)
                .json().path("access_token").asText());
        assertThat(jwt.getAudience()).containsExactly(resource);
    }

    private static ECPublicKey jwksKey(String kid) throws Exception {
        for (JsonNode k : api.get("/oauth/jwks", null).json().path("keys")) {
            if (kid.equals(k.path("kid").asText())) {
                AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
                p.init(new ECGenParameterSpec("secp256r1"));
                ECPoint w = new ECPoint(new BigInteger(1, Base64.getUrlDecoder().decode(k.path("x").asText())),
                        new BigInteger(1, Base64.getUrlDecoder().decode(k.path("y").asText())));
                return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, p.getParameterSpec(ECParameterSpec.class)));
            }
        }
        throw new AssertionError("kid " + kid + " is not in the JWKS");
    }

    private static List<String> audit(String target) {
        return jdbi.withHandle(h -> h.createQuery("SELECT action FROM audit_log WHERE target = :t ORDER BY id").bind("t", target)
                .mapTo(String.class).list());
    }
}
