package cloud.nextmcp.api;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import cloud.nextmcp.core.audit.AuditEntry;
import cloud.nextmcp.core.audit.AuditLog;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class AuthApiTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    static ApiClient api;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
    }

    @Test
    void registerAnswersASessionAndCreatesThePersonalTeam() {
        Reply reply = api.post("/api/v1/auth/register",
                Map.of("email", "Grace.Hopper@Example.com", "password", ApiClient.PASSWORD, "name", "Grace"), null);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        JsonNode session = reply.json();
        assertThat(session.path("user").path("email").asText()).isEqualTo("Grace.Hopper@Example.com");
        assertThat(session.path("user").path("name").asText()).isEqualTo("Grace");
        assertThat(session.path("user").has("passwordHash")).isFalse();
        assertThat(Instant.parse(session.path("user").path("createdAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(session.path("refreshToken").asText()).startsWith("nmcr_");
        Instant accessExpiry = Instant.parse(session.path("accessTokenExpiresAt").asText());
        assertThat(accessExpiry).isBetween(Instant.now().plus(23, ChronoUnit.HOURS), Instant.now().plus(25, ChronoUnit.HOURS));
        Instant refreshExpiry = Instant.parse(session.path("refreshTokenExpiresAt").asText());
        assertThat(refreshExpiry).isBetween(Instant.now().plus(29, ChronoUnit.DAYS), Instant.now().plus(31, ChronoUnit.DAYS));

        JsonNode me = api.get("/api/v1/users/me", session.path("accessToken").asText()).json();
        assertThat(me.path("email").asText()).isEqualTo("Grace.Hopper@Example.com");
        assertThat(me.path("teams")).hasSize(1);
        assertThat(me.path("teams").get(0).path("name").asText()).isEqualTo("grace-hopper");
        assertThat(me.path("teams").get(0).path("role").asText()).isEqualTo("owner");
        assertThat(me.path("teams").get(0).path("personal").asBoolean()).isTrue();

        assertThat(auditActions(session.path("user").path("id").asLong())).containsExactly("user.register");
    }

    @Test
    void personalTeamNamesGetASuffixWhenTaken() {
        String first = api.post("/api/v1/auth/register", Map.of("email", "sam@one.example", "password", ApiClient.PASSWORD), null)
                .json().path("accessToken").asText();
        String second = api.post("/api/v1/auth/register", Map.of("email", "Sam@two.example", "password", ApiClient.PASSWORD), null)
                .json().path("accessToken").asText();

        assertThat(api.get("/api/v1/teams", first).json().get(0).path("name").asText()).isEqualTo("sam");
        assertThat(api.get("/api/v1/teams", second).json().get(0).path("name").asText()).isEqualTo("sam-2");
    }

    @Test
    void registerRejectsBadInputWithClearMessages() {
        api.register("taken");
        String takenEmail = api.get("/api/v1/users/me", api.register("dup").path("accessToken").asText())
                .json().path("email").asText();

        Reply duplicate = api.post("/api/v1/auth/register",
                Map.of("email", takenEmail.toUpperCase(), "password", ApiClient.PASSWORD), null);
        assertProblem(duplicate, 409, "already exists");

        assertProblem(api.post("/api/v1/auth/register", Map.of("email", "not-an-email", "password", ApiClient.PASSWORD), null),
                422, "does not look like an email address");
        assertProblem(api.post("/api/v1/auth/register", Map.of("email", "short@example.com", "password", "123456789"), null),
                422, "at least 10 characters");
        assertProblem(api.post("/api/v1/auth/register", Map.of("password", ApiClient.PASSWORD), null), 422, "'email' is required");
        assertProblem(api.post("/api/v1/auth/register", "{\"email\": \"x@example.com\", \"password\": ", null),
                400, "not valid JSON");
        assertProblem(api.post("/api/v1/auth/register", "{\"email\": [1, 2], \"password\": \"x\"}", null), 400, "'email'");
        assertProblem(api.raw("POST", "/api/v1/auth/register", "", "application/json", Map.of()), 400, "needs a JSON body");
        Reply form = api.raw("POST", "/api/v1/auth/register", "email=a@b.c", "application/x-www-form-urlencoded", Map.of());
        assertProblem(form, 415, "Content-Type: application/json");
        assertThat(form.header("Connection")).isEqualTo("close");
    }

    @Test
    void loginChecksThePassword() {
        JsonNode session = api.register("lin");
        String email = session.path("user").path("email").asText();

        Reply ok = api.post("/api/v1/auth/login", Map.of("email", email.toUpperCase(), "password", ApiClient.PASSWORD), null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/me", ok.json().path("accessToken").asText()).status()).isEqualTo(200);

        Reply wrongPassword = api.post("/api/v1/auth/login", Map.of("email", email, "password", "wrong password!"), null);
        assertProblem(wrongPassword, 401, "invalid email or password");
        assertThat(wrongPassword.header("WWW-Authenticate")).startsWith("Bearer");
        Reply unknownEmail = api.post("/api/v1/auth/login", Map.of("email", "nobody@example.com", "password", "wrong password!"), null);
        assertProblem(unknownEmail, 401, "invalid email or password");
        assertThat(unknownEmail.detail()).isEqualTo(wrongPassword.detail());
        assertProblem(api.post("/api/v1/auth/login", Map.of("email", email), null), 422, "'password' is required");

        assertThat(auditActions(session.path("user").path("id").asLong())).containsExactly("auth.login", "user.register");
    }

    @Test
    void refreshRotatesAndReuseEndsTheWholeSession() {
        JsonNode first = api.register("rota");
        long userId = first.path("user").path("id").asLong();
        String original = first.path("refreshToken").asText();

        Reply rotated = api.post("/api/v1/auth/refresh", Map.of("refreshToken", original), null);
        assertThat(rotated.status()).isEqualTo(200);
        String next = rotated.json().path("refreshToken").asText();
        assertThat(next).startsWith("nmcr_").isNotEqualTo(original);
        assertThat(api.get("/api/v1/users/me", rotated.json().path("accessToken").asText()).status()).isEqualTo(200);

        // Someone replays the spent token: refused, and the legitimate successor dies with it.
        assertProblem(api.post("/api/v1/auth/refresh", Map.of("refreshToken", original), null), 401, "used before");
        assertProblem(api.post("/api/v1/auth/refresh", Map.of("refreshToken", next), null), 401, "session has ended");
        assertThat(auditActions(userId)).contains("auth.refresh_reuse_detected");

        assertProblem(api.post("/api/v1/auth/refresh", Map.of("refreshToken", "nmcr_doesnotexist"), null), 401, "not known");
        assertProblem(api.post("/api/v1/auth/refresh", Map.of(), null), 422, "'refreshToken' is required");
    }

    @Test
    void logoutEndsTheSession() {
        JsonNode session = api.register("bye");
        String refresh = session.path("refreshToken").asText();

        assertThat(api.post("/api/v1/auth/logout", Map.of("refreshToken", refresh), null).status()).isEqualTo(204);
        assertProblem(api.post("/api/v1/auth/refresh", Map.of("refreshToken", refresh), null), 401, "session has ended");
        assertThat(api.post("/api/v1/auth/logout", Map.of("refreshToken", refresh), null).status()).isEqualTo(204);
        assertThat(auditActions(session.path("user").path("id").asLong())).containsExactly("auth.logout", "user.register");
    }

    @Test
    void requestsWithoutUsableCredentialsAre401() throws Exception {
        JsonNode session = api.register("jwt");
        String userId = session.path("user").path("id").asText();
        byte[] key = APP.getConfiguration().api.jwtKey();
        Instant now = Instant.now();

        Reply none = api.get("/api/v1/users/me", null);
        assertProblem(none, 401, "Authorization: Bearer");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertProblem(api.raw("GET", "/api/v1/users/me", null, null, Map.of("Authorization", "Basic YTpi")), 401,
                "other schemes are not accepted");

        String algNone = JWT.create().withIssuer("nextmcp").withSubject(userId).withExpiresAt(now.plusSeconds(600))
                .sign(Algorithm.none());
        String hs512 = JWT.create().withIssuer("nextmcp").withSubject(userId).withExpiresAt(now.plusSeconds(600))
                .sign(Algorithm.HMAC512(key));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        String rs256 = JWT.create().withIssuer("nextmcp").withSubject(userId).withExpiresAt(now.plusSeconds(600))
                .sign(Algorithm.RSA256((RSAPublicKey) rsa.getPublic(), (RSAPrivateKey) rsa.getPrivate()));
        String otherKey = JWT.create().withIssuer("nextmcp").withSubject(userId).withExpiresAt(now.plusSeconds(600))
                .sign(Algorithm.HMAC256("another secret that is at least 32 bytes long"));
        String expired = JWT.create().withIssuer("nextmcp").withSubject(userId).withIssuedAt(now.minusSeconds(7200))
                .withExpiresAt(now.minusSeconds(60)).sign(Algorithm.HMAC256(key));
        String genuine = JWT.create().withIssuer("nextmcp").withSubject(userId).withIssuedAt(now)
                .withExpiresAt(now.plusSeconds(600)).sign(Algorithm.HMAC256(key));

        for (String forged : List.of(algNone, hs512, rs256, otherKey, "not.a.jwt", "garbage")) {
            Reply reply = api.get("/api/v1/users/me", forged);
            assertProblem(reply, 401, "not valid here");
            assertThat(reply.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        }
        assertProblem(api.get("/api/v1/users/me", expired), 401, "expired");
        // The same claims signed correctly are accepted: the refusals above are about the signature and time only.
        assertThat(api.get("/api/v1/users/me", genuine).status()).isEqualTo(200);
    }

    static void assertProblem(Reply reply, int status, String detailPart) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).contains(detailPart);
    }

    private static List<String> auditActions(long userId) {
        TestApiApplication app = APP.getApplication();
        return app.jdbi().withHandle(h -> h.attach(AuditLog.class).byActor(userId, 50)).stream()
                .map(AuditEntry::action).toList();
    }
}
