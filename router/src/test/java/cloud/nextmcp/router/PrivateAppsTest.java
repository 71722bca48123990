package cloud.nextmcp.router;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.testing.TestPostgres;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.time.Instant;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Private apps at the edge: app-bound API tokens, refusals with WWW-Authenticate, no token passthrough, live revocation. */
class PrivateAppsTest {
    private static final String AS = "http://api.test:8000";
    private static Jdbi jdbi;
    private static EventBus events;
    private static Router router;
    private static final Backends backends = new Backends();
    private static final Secrets secrets = new Secrets(new java.security.SecureRandom());
    private static long ada;
    private static long bob;
    private static long eve;
    private static KeyPair signing;
    private static final String KID = "k1";

    @BeforeAll
    static void start() throws Exception {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        jdbi = db.jdbi();
        events = new EventBus(jdbi, db.connectionInfo());
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO teams (id, name) VALUES (1, 'acme'), (2, 'other')");
            ada = user(h, "ada@example.com");
            bob = user(h, "bob@example.com");
            eve = user(h, "eve@example.com");
            h.execute("INSERT INTO memberships (team_id, user_id, role) VALUES (1, ?, 'owner'), (2, ?, 'owner'), (2, ?, 'owner')", ada, bob, eve);
            h.execute("INSERT INTO apps (id, name, team_id, visibility) VALUES (1, 'weather', 1, 'private'), (2, 'stocks', 1, 'private'), "
                    + "(3, 'open', 1, 'public')");
            for (long app = 1; app <= 3; app++) {
                h.execute("INSERT INTO routes (hostname, app_id, release_version) SELECT name, id, 1 FROM apps WHERE id = ?", app);
            }
        });
        instance("w1", 1, backends.start("weather-1").getAddress().getPort());
        instance("s1", 2, backends.start("stocks-1").getAddress().getPort());
        instance("o1", 3, backends.start("open-1").getAddress().getPort());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        signing = generator.generateKeyPair();
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO oauth_signing_keys (kid, public_key, private_key_sealed, retires_at) VALUES (?, ?, ?, now() + interval '1 day')",
                    KID, signing.getPublic().getEncoded(), new byte[] {0});
            h.execute("INSERT INTO oauth_clients (client_id, client_name, redirect_uris) VALUES ('c1', 'Client', '{http://127.0.0.1/cb}')");
            h.execute("INSERT INTO oauth_consents (user_id, client_id, app_id) VALUES (?, 'c1', 1), (?, 'c1', 2)", ada, ada);
        });
        router = new Router(RouterConfig.builder().bindHost("127.0.0.1").port(0).adminPort(0).appsDomain("apps.test")
                .reloadInterval(Duration.ofMinutes(10)).metricsToDatabase(false).build(), jdbi, events, AS);
        router.start();
    }

    private static long user(org.jdbi.v3.core.Handle h, String email) {
        return h.createQuery("INSERT INTO users (email, password_hash) VALUES (?, 'x') RETURNING id").bind(0, email).mapTo(Long.class).one();
    }

    private static void instance(String id, long app, int port) {
        jdbi.useHandle(h -> h.execute("INSERT INTO instances (id, app_id, release_version, address, state) VALUES (?, ?, 1, ?, 'healthy')",
                id, app, "127.0.0.1:" + port));
    }

    /** Inserts a token and tells the router, as the API does. */
    private static String token(long user, Long app, String scopes, Instant expires) {
        String token = secrets.newApiToken();
        jdbi.useHandle(h -> h.execute("INSERT INTO api_tokens (user_id, name, token_hash, prefix, app_id, scopes, expires_at) "
                + "VALUES (?, 't', ?, 'p', ?, ?::text[], ?)", user, Secrets.hash(token), app, scopes, expires == null ? null
                : java.sql.Timestamp.from(expires)));
        notifyAccess();
        return token;
    }

    /** An access token as the authorization server makes them, with whatever changes a test needs. */
    private static String jwt(String audience, Instant expires, String kid, PrivateKey key) {
        return JWT.create().withKeyId(kid).withIssuer(AS).withSubject(Long.toString(ada)).withAudience(audience)
                .withIssuedAt(Instant.now().minusSeconds(10)).withExpiresAt(expires).withClaim("scope", "mcp")
                .withClaim("client_id", "c1").withClaim("email", "ada@example.com")
                .sign(Algorithm.ECDSA256(null, (ECPrivateKey) key));
    }

    private static String jwt(String audience) {
        return jwt(audience, Instant.now().plusSeconds(3600), KID, signing.getPrivate());
    }

    private static void notifyAccess() {
        events.publish(Channels.ACCESS, "");
    }

    @AfterAll
    static void stop() {
        router.close();
        events.close();
        backends.close();
    }

    private static String call(String host, String path, String extraHeaders) throws Exception {
        try (RawHttp c = new RawHttp(router.port())) {
            String head = c.send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "\r\n").head();
            return head + c.body(head);
        }
    }

    private static String bearer(String token) {
        return "Authorization: Bearer " + token + "\r\n";
    }

    /** Polls until the answer starts with the status (the snapshot reloads on NOTIFY, asynchronously). */
    private static String eventually(Supplier<String> call, String status, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String r = call.get();
        while (!r.startsWith(status) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            r = call.get();
        }
        return r;
    }

    private static Supplier<String> get(String host, String path, String headers) {
        return () -> {
            try {
                return call(host, path, headers);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void noTokenGets401PointingAtTheMetadataAndPublicAppsStayOpen() throws Exception {
        String r = call("weather.apps.test:8080", "/mcp", "");
        assertThat(r).startsWith("HTTP/1.1 401").contains(
                "www-authenticate: Bearer resource_metadata=\"http://weather.apps.test:8080/.well-known/oauth-protected-resource\", scope=\"mcp\"")
                .doesNotContain("weather-1");
        assertThat(call("127.0.0.1:" + router.port(), "/apps/weather/mcp", "")).startsWith("HTTP/1.1 401").contains(
                "resource_metadata=\"http://127.0.0.1:" + router.port() + "/.well-known/oauth-protected-resource/apps/weather\"");
        assertThat(call("open.apps.test", "/", bearer("anything"))).startsWith("HTTP/1.1 200").contains("open-1", "authorization=Bearer anything");
    }

    @Test
    void protectedResourceMetadataForBothForms() throws Exception {
        assertThat(call("weather.apps.test:8080", "/.well-known/oauth-protected-resource", "")).startsWith("HTTP/1.1 200")
                .contains("{\"resource\":\"http://weather.apps.test:8080/\",\"authorization_servers\":[\"" + AS + "\"],"
                        + "\"scopes_supported\":[\"mcp\"],\"bearer_methods_supported\":[\"header\"],\"resource_name\":\"weather\"}");
        assertThat(call("weather.apps.test:8080", "/.well-known/oauth-protected-resource/mcp", "")).startsWith("HTTP/1.1 200");
        String host = "127.0.0.1:" + router.port();
        assertThat(call(host, "/.well-known/oauth-protected-resource/apps/weather/mcp", "")).startsWith("HTTP/1.1 200")
                .contains("\"resource\":\"http://" + host + "/apps/weather/\"");
        assertThat(call(host, "/.well-known/oauth-protected-resource/apps/open", "")).startsWith("HTTP/1.1 404");
        // The JDK client, as SDK clients do, reaches the path form without DNS.
        HttpResponse<String> viaClient = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + host + "/.well-known/oauth-protected-resource/apps/weather")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(viaClient.statusCode()).isEqualTo(200);
        assertThat(viaClient.headers().firstValue("content-type")).contains("application/json");
    }

    @Test
    void appTokenWithScopeMcpReachesTheAppWhichNeverSeesTheToken() throws Exception {
        String t = token(ada, 1L, "{mcp}", null);
        String r = eventually(get("weather.apps.test", "/mcp", bearer(t) + "X-NextMCP-User: mallory@example.com\r\nX-NextMCP-Team: evil\r\n"),
                "HTTP/1.1 200", Duration.ofSeconds(5));
        assertThat(r).startsWith("HTTP/1.1 200").contains("weather-1", "x-nextmcp-user=ada@example.com", "x-nextmcp-team=acme")
                .doesNotContain("authorization=", "mallory", "evil", t);
        assertThat(call("127.0.0.1:" + router.port(), "/apps/weather/mcp", bearer(t))).startsWith("HTTP/1.1 200").contains("weather-1");
    }

    @Test
    void refusalsByReason() throws Exception {
        String weatherToken = token(ada, 1L, "{mcp}", null);
        String apiToken = token(ada, null, "{api}", null);
        String expired = token(ada, 1L, "{mcp}", Instant.now().minusSeconds(5));
        eventually(get("stocks.apps.test", "/", bearer(weatherToken)), "HTTP/1.1 401", Duration.ofSeconds(5));
        assertThat(call("stocks.apps.test", "/", bearer(weatherToken))).startsWith("HTTP/1.1 401")
                .contains("error=\"invalid_token\"", "another app").doesNotContain("stocks-1");
        // Each token reaches the router's snapshot with its own NOTIFY: wait for the API token's too.
        eventually(get("weather.apps.test", "/", bearer(apiToken)), "HTTP/1.1 403", Duration.ofSeconds(5));
        assertThat(call("weather.apps.test", "/", bearer(apiToken))).startsWith("HTTP/1.1 403").contains("error=\"insufficient_scope\"");
        assertThat(call("weather.apps.test", "/", bearer(expired))).startsWith("HTTP/1.1 401").contains("error=\"invalid_token\"");
        assertThat(call("weather.apps.test", "/", bearer("nmcp_" + "x".repeat(40)))).startsWith("HTTP/1.1 401");
        assertThat(call("weather.apps.test", "/", "Authorization: Basic YWRhOng=\r\n")).startsWith("HTTP/1.1 401");
        String noneJwt = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIiwiYXVkIjoiaHR0cDovL3dlYXRoZXIuYXBwcy50ZXN0LyJ9.";
        assertThat(call("weather.apps.test", "/", bearer(noneJwt))).startsWith("HTTP/1.1 401").contains("error=\"invalid_token\"");
        assertThat(call("weather.apps.test", "/mcp?access_token=" + weatherToken, "")).startsWith("HTTP/1.1 400")
                .contains("error=\"invalid_request\"").doesNotContain("weather-1");
        String metrics = adminMetrics();
        assertThat(metrics).contains("nextmcp_router_refused_calls_total{app=\"stocks\",reason=\"wrong_audience\"}",
                "nextmcp_router_refused_calls_total{app=\"weather\",reason=\"insufficient_scope\"}",
                "nextmcp_router_refused_calls_total{app=\"weather\",reason=\"bad_token\"}",
                "nextmcp_router_refused_calls_total{app=\"weather\",reason=\"token_in_query\"}");
    }

    @Test
    void revokedGrantIsRefusedWithinASecondWithoutRestart() throws Exception {
        jdbi.useHandle(h -> h.execute("INSERT INTO app_grants (app_id, user_id) VALUES (1, ?)", bob));
        String t = token(bob, 1L, "{mcp}", null);
        String ok = eventually(get("weather.apps.test", "/", bearer(t)), "HTTP/1.1 200", Duration.ofSeconds(5));
        assertThat(ok).contains("x-nextmcp-user=bob@example.com").doesNotContain("x-nextmcp-team=");
        jdbi.useHandle(h -> h.execute("DELETE FROM app_grants WHERE app_id = 1 AND user_id = ?", bob));
        long start = System.nanoTime();
        notifyAccess();
        String refused = eventually(get("weather.apps.test", "/", bearer(t)), "HTTP/1.1 403", Duration.ofSeconds(1));
        assertThat(refused).startsWith("HTTP/1.1 403").doesNotContain("weather-1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void grantedTokenOfANonMemberReachesTheAppUntilTheGrantOrTheTokenIsRevoked() throws Exception {
        // bob is not in weather's team, has no user grant, and his token is bound to another app: only the token grant lets it in.
        String t = token(bob, 3L, "{mcp}", null);
        long tokenId = jdbi.withHandle(h -> h.createQuery("SELECT id FROM api_tokens WHERE token_hash = ?")
                .bind(0, Secrets.hash(t)).mapTo(Long.class).one());
        assertThat(eventually(get("weather.apps.test", "/", bearer(t)), "HTTP/1.1 401", Duration.ofSeconds(5))).startsWith("HTTP/1.1 401");
        jdbi.useHandle(h -> h.execute("INSERT INTO app_token_grants (app_id, token_id) VALUES (1, ?)", tokenId));
        notifyAccess();
        String ok = eventually(get("weather.apps.test", "/", bearer(t)), "HTTP/1.1 200", Duration.ofSeconds(5));
        assertThat(ok).contains("x-nextmcp-user=bob@example.com").doesNotContain("x-nextmcp-team=");
        jdbi.useHandle(h -> h.execute("DELETE FROM app_token_grants WHERE app_id = 1 AND token_id = ?", tokenId));
        notifyAccess();
        assertThat(eventually(get("weather.apps.test", "/", bearer(t)), "HTTP/1.1 401", Duration.ofSeconds(1))).startsWith("HTTP/1.1 401");

        jdbi.useHandle(h -> h.execute("INSERT INTO app_token_grants (app_id, token_id) VALUES (1, ?)", tokenId));
        notifyAccess();
        eventually(get("weather.apps.test", "/", bearer(t)), "HTTP/1.1 200", Duration.ofSeconds(5));
        jdbi.useHandle(h -> h.execute("UPDATE api_tokens SET revoked_at = now() WHERE id = ?", tokenId));
        long start = System.nanoTime();
        notifyAccess();
        String refused = eventually(get("weather.apps.test", "/", bearer(t)), "HTTP/1.1 401", Duration.ofSeconds(1));
        assertThat(refused).startsWith("HTTP/1.1 401").doesNotContain("weather-1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void removedTeamMemberAndRevokedTokenAreRefused() throws Exception {
        jdbi.useHandle(h -> h.execute("INSERT INTO memberships (team_id, user_id, role) VALUES (1, ?, 'member')", eve));
        String t = token(eve, 2L, "{mcp}", null);
        eventually(get("stocks.apps.test", "/", bearer(t)), "HTTP/1.1 200", Duration.ofSeconds(5));
        jdbi.useHandle(h -> h.execute("DELETE FROM memberships WHERE team_id = 1 AND user_id = ?", eve));
        notifyAccess();
        assertThat(eventually(get("stocks.apps.test", "/", bearer(t)), "HTTP/1.1 403", Duration.ofSeconds(1))).startsWith("HTTP/1.1 403");
        jdbi.useHandle(h -> h.execute("INSERT INTO memberships (team_id, user_id, role) VALUES (1, ?, 'member')", eve));
        notifyAccess();
        eventually(get("stocks.apps.test", "/", bearer(t)), "HTTP/1.1 200", Duration.ofSeconds(5));
        jdbi.useHandle(h -> h.execute("UPDATE api_tokens SET revoked_at = now() WHERE token_hash = ?", (Object) Secrets.hash(t)));
        notifyAccess();
        assertThat(eventually(get("stocks.apps.test", "/", bearer(t)), "HTTP/1.1 401", Duration.ofSeconds(1))).startsWith("HTTP/1.1 401");
    }

    @Test
    void oauthAccessTokensAreCheckedForSignatureExpiryAudienceAndConsent() throws Exception {
        String pathHost = "127.0.0.1:" + router.port();
        String hostForm = jwt("http://weather.apps.test/");
        String ok = call("weather.apps.test", "/mcp", bearer(hostForm));
        assertThat(ok).startsWith("HTTP/1.1 200").contains("weather-1", "x-nextmcp-user=ada@example.com", "x-nextmcp-team=acme")
                .doesNotContain("authorization=", hostForm);
        assertThat(call(pathHost, "/apps/weather/mcp", bearer(jwt("http://" + pathHost + "/apps/weather/")))).startsWith("HTTP/1.1 200");
        assertThat(call(pathHost, "/apps/weather/mcp", bearer(hostForm))).startsWith("HTTP/1.1 401").contains("another app");
        assertThat(call("stocks.apps.test", "/", bearer(hostForm))).startsWith("HTTP/1.1 401").doesNotContain("stocks-1");

        String expired = jwt("http://weather.apps.test/", Instant.now().minusSeconds(1), KID, signing.getPrivate());
        assertThat(call("weather.apps.test", "/", bearer(expired))).startsWith("HTTP/1.1 401").contains("error=\"invalid_token\"");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String resigned = jwt("http://weather.apps.test/", Instant.now().plusSeconds(3600), KID, generator.generateKeyPair().getPrivate());
        assertThat(call("weather.apps.test", "/", bearer(resigned))).startsWith("HTTP/1.1 401");
        String[] parts = hostForm.split("\\.");
        String noneHeader = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"kid\":\"k1\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(call("weather.apps.test", "/", bearer(noneHeader + "." + parts[1] + "."))).startsWith("HTTP/1.1 401");
        String hs256 = JWT.create().withKeyId(KID).withIssuer(AS).withSubject(Long.toString(ada)).withAudience("http://weather.apps.test/")
                .withExpiresAt(Instant.now().plusSeconds(60)).withClaim("scope", "mcp").withClaim("client_id", "c1")
                .sign(Algorithm.HMAC256(signing.getPublic().getEncoded()));
        assertThat(call("weather.apps.test", "/", bearer(hs256))).startsWith("HTTP/1.1 401");

        String stocks = jwt("http://stocks.apps.test/");
        assertThat(call("stocks.apps.test", "/", bearer(stocks))).startsWith("HTTP/1.1 200");
        jdbi.useHandle(h -> h.execute("DELETE FROM oauth_consents WHERE app_id = 2"));
        notifyAccess();
        assertThat(eventually(get("stocks.apps.test", "/", bearer(stocks)), "HTTP/1.1 403", Duration.ofSeconds(1)))
                .as("a withdrawn consent ends the client's access tokens").startsWith("HTTP/1.1 403");
    }

    @Test
    void aTokenOrConsentCommittedAMomentAgoWorksOnItsFirstCallBeforeTheRouterHearsOfIt() throws Exception {
        // No NOTIFY and the periodic reload 10 minutes away: only deciding the refusal again on a
        // snapshot loaded after the call arrived lets these in, as a user who just made a token expects.
        String t = secrets.newApiToken();
        jdbi.useHandle(h -> h.execute("INSERT INTO api_tokens (user_id, name, token_hash, prefix, app_id, scopes) "
                + "VALUES (?, 'fresh', ?, 'p', 1, '{mcp}')", ada, Secrets.hash(t)));
        try (RawHttp c = new RawHttp(router.port())) {
            String head = c.send("POST /mcp HTTP/1.1\r\nHost: weather.apps.test\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\n" + bearer(t) + "\r\n{}").head();
            assertThat(head + c.body(head)).startsWith("HTTP/1.1 200").contains("weather-1", "x-nextmcp-user=ada@example.com",
                    "content-length=2").doesNotContain(t);
            head = c.send("GET /mcp HTTP/1.1\r\nHost: weather.apps.test\r\n" + bearer(t) + "\r\n").head();
            assertThat(head).as("the connection stays usable after a held request").startsWith("HTTP/1.1 200");
        }
        jdbi.useHandle(h -> h.execute("INSERT INTO oauth_clients (client_id, client_name, redirect_uris) VALUES ('c2', 'New', '{http://127.0.0.1/cb}')"));
        jdbi.useHandle(h -> h.execute("INSERT INTO oauth_consents (user_id, client_id, app_id) VALUES (?, 'c2', 1)", ada));
        String fresh = JWT.create().withKeyId(KID).withIssuer(AS).withSubject(Long.toString(ada)).withAudience("http://weather.apps.test/")
                .withExpiresAt(Instant.now().plusSeconds(60)).withClaim("scope", "mcp").withClaim("client_id", "c2")
                .withClaim("email", "ada@example.com").sign(Algorithm.ECDSA256(null, (ECPrivateKey) signing.getPrivate()));
        assertThat(call("weather.apps.test", "/mcp", bearer(fresh))).startsWith("HTTP/1.1 200").contains("weather-1");
        assertThat(call("weather.apps.test", "/mcp", bearer("nmcp_" + "y".repeat(40))))
                .as("a token that is nowhere stays refused after the second look").startsWith("HTTP/1.1 401");
    }

    private static String adminMetrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.adminPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
