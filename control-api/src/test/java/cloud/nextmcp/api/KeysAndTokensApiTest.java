package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Notifications;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import cloud.nextmcp.core.audit.AuditEntry;
import cloud.nextmcp.core.audit.AuditLog;
import cloud.nextmcp.core.events.Channels;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(DropwizardExtensionsSupport.class)
class KeysAndTokensApiTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    static ApiClient api;

    @TempDir
    static Path keys;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
    }

    @Test
    void keysMadeBySshKeygenAreAcceptedWithOpenSshsFingerprint() throws Exception {
        ApiClient.User alice = api.newUser("alice");
        List<String[]> kinds = List.of(
                new String[] {"ed25519", "256", "ssh-ed25519"},
                new String[] {"ecdsa", "256", "ecdsa-sha2-nistp256"},
                new String[] {"ecdsa", "384", "ecdsa-sha2-nistp384"},
                new String[] {"rsa", "2048", "ssh-rsa"});
        for (String[] kind : kinds) {
            Path key = sshKeygen(kind[0], kind[1], "alice@laptop-" + kind[0] + kind[1]);
            Reply added = api.post("/api/v1/keys", Map.of("publicKey", Files.readString(key)), alice.token());

            assertThat(added.status()).as(added.toString()).isEqualTo(201);
            JsonNode json = added.json();
            assertThat(json.path("type").asText()).isEqualTo(kind[2]);
            assertThat(json.path("bits").asInt()).isEqualTo(Integer.parseInt(kind[1]));
            assertThat(json.path("comment").asText()).isEqualTo("alice@laptop-" + kind[0] + kind[1]);
            assertThat(json.path("fingerprint").asText()).isEqualTo(sshKeygenFingerprint(key));
            assertThat(json.path("lastUsedAt").isNull()).isTrue();
        }
        JsonNode listed = api.get("/api/v1/keys", alice.token()).json();
        assertThat(listed).hasSize(kinds.size());
        assertThat(listed.get(0).path("fingerprint").asText()).startsWith("SHA256:");
    }

    @Test
    void badKeysAre422AndTakenKeys409() throws Exception {
        ApiClient.User bob = api.newUser("bob");
        ApiClient.User carol = api.newUser("carol");

        assertProblem(api.post("/api/v1/keys", Map.of("publicKey", "ssh-ed25519 not-base64!!"), bob.token()), 422, "base64");
        assertProblem(api.post("/api/v1/keys", Map.of("publicKey", "ssh-dss AAAAB3NzaC1kc3M= old"), bob.token()), 422,
                "'ssh-dss' is not accepted");
        assertProblem(api.post("/api/v1/keys", Map.of("publicKey", "-----BEGIN OPENSSH PRIVATE KEY-----"), bob.token()), 422,
                "private key");
        assertProblem(api.post("/api/v1/keys", Map.of(), bob.token()), 422, "'publicKey' is required");
        Path shortRsa = sshKeygen("rsa", "1024", "weak");
        assertProblem(api.post("/api/v1/keys", Map.of("publicKey", Files.readString(shortRsa)), bob.token()), 422,
                "at least 2048 bits");

        String line = Files.readString(sshKeygen("ed25519", "256", "bob@desk"));
        assertThat(api.post("/api/v1/keys", Map.of("publicKey", line), bob.token()).status()).isEqualTo(201);
        assertProblem(api.post("/api/v1/keys", Map.of("publicKey", line), bob.token()), 409, "key already added");
        assertProblem(api.post("/api/v1/keys", Map.of("publicKey", line), carol.token()), 409,
                "this key is registered to another account");
        assertThat(api.get("/api/v1/keys", carol.token()).json()).isEmpty();
    }

    @Test
    void keysAreRemovedByIdOrFingerprintAndOnlyByTheirOwner() throws Exception {
        ApiClient.User dan = api.newUser("dan");
        ApiClient.User erin = api.newUser("erin");
        JsonNode first = api.post("/api/v1/keys", Map.of("publicKey", Files.readString(sshKeygen("ed25519", "256", "one"))),
                dan.token()).json();
        JsonNode second = api.post("/api/v1/keys", Map.of("publicKey", Files.readString(keyWithSlashInFingerprint())),
                dan.token()).json();
        JsonNode third = api.post("/api/v1/keys", Map.of("publicKey", Files.readString(keyWithoutEmptySegment())),
                dan.token()).json();

        assertProblem(api.delete("/api/v1/keys/" + first.path("id").asText(), erin.token()), 404, "no SSH key");
        assertThat(api.delete("/api/v1/keys/" + first.path("id").asText(), dan.token()).status()).isEqualTo(204);
        // Fingerprints hold '/' and '+': sent as listed, and also without the SHA256: prefix.
        assertThat(api.delete("/api/v1/keys/" + second.path("fingerprint").asText(), dan.token()).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/keys/" + third.path("fingerprint").asText().substring("SHA256:".length()),
                dan.token()).status()).isEqualTo(204);
        assertProblem(api.delete("/api/v1/keys/" + first.path("id").asText(), dan.token()), 404, "no SSH key");
        assertThat(api.get("/api/v1/keys", dan.token()).json()).isEmpty();
        assertThat(auditActions(dan.token())).containsSubsequence("key.add", "key.add", "key.add", "key.remove", "key.remove",
                "key.remove");
    }

    @Test
    void removingAKeyNotifiesChannelKeysWithItsFingerprintSoTheGatewayClosesItsSessions() throws Exception {
        ApiClient.User fay = api.newUser("fay");
        JsonNode key = api.post("/api/v1/keys", Map.of("publicKey", Files.readString(sshKeygen("ed25519", "256", "fay"))),
                fay.token()).json();
        try (Notifications removals = new Notifications(
                APP.<TestApiApplication>getApplication().database().connectionInfo(), Channels.KEYS)) {
            assertThat(api.delete("/api/v1/keys/" + key.path("id").asText(), fay.token()).status()).isEqualTo(204);

            assertThat(removals.payloads()).containsExactly(key.path("fingerprint").asText());
        }
    }

    @Test
    void apiTokensAreShownOnceWorkAsBearerAndStopWorkingWhenRevoked() {
        ApiClient.User frank = api.newUser("frank");

        Reply created = api.post("/api/v1/tokens", Map.of("name", "ci", "expiresInDays", 30), frank.token());
        assertThat(created.status()).isEqualTo(201);
        JsonNode token = created.json();
        String secret = token.path("token").asText();
        assertThat(secret).startsWith("nmcp_");
        assertThat(token.path("prefix").asText()).isEqualTo(secret.substring(0, 11));
        assertThat(Instant.parse(token.path("expiresAt").asText()))
                .isBetween(Instant.now().plus(29, ChronoUnit.DAYS), Instant.now().plus(31, ChronoUnit.DAYS));

        JsonNode me = api.get("/api/v1/users/me", secret).json();
        assertThat(me.path("email").asText()).isEqualTo(frank.email());

        JsonNode listed = api.get("/api/v1/tokens", frank.token()).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("name").asText()).isEqualTo("ci");
        assertThat(listed.get(0).has("token")).isFalse();
        assertThat(listed.get(0).path("lastUsedAt").isNull()).isFalse();
        assertThat(created.body()).doesNotContain("hash");

        assertThat(api.delete("/api/v1/tokens/" + token.path("id").asText(), secret).status()).isEqualTo(204);
        Reply afterRevoke = api.get("/api/v1/users/me", secret);
        assertProblem(afterRevoke, 401, "unknown, revoked or expired");
        assertThat(afterRevoke.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(api.get("/api/v1/tokens", frank.token()).json()).isEmpty();
        assertProblem(api.delete("/api/v1/tokens/" + token.path("id").asText(), frank.token()), 404, "no API token");
        assertThat(auditActions(frank.token())).containsSubsequence("token.create", "token.revoke");
    }

    @Test
    void tokenInputIsChecked() {
        ApiClient.User gina = api.newUser("gina");
        assertProblem(api.post("/api/v1/tokens", Map.of("name", " "), gina.token()), 422, "'name' is required");
        assertProblem(api.post("/api/v1/tokens", Map.of("name", "x", "expiresInDays", 0), gina.token()), 422, "expiresInDays");
        assertProblem(api.post("/api/v1/tokens", Map.of("name", "x", "expiresInDays", "soon"), gina.token()), 400,
                "'expiresInDays'");
        assertProblem(api.get("/api/v1/users/me", "nmcp_madeUpTokenThatWasNeverIssued"), 401, "unknown, revoked or expired");

        ApiClient.User hal = api.newUser("hal");
        String halsToken = api.post("/api/v1/tokens", Map.of("name", "hal"), hal.token()).json().path("id").asText();
        assertProblem(api.delete("/api/v1/tokens/" + halsToken, gina.token()), 404, "no API token");
        assertThat(api.post("/api/v1/tokens", Map.of("name", "forever"), gina.token()).json().path("expiresAt").isNull())
                .isTrue();
    }

    private static List<String> auditActions(String token) {
        long userId = api.get("/api/v1/users/me", token).json().path("id").asLong();
        TestApiApplication app = APP.getApplication();
        List<String> newestFirst = app.jdbi().withHandle(h -> h.attach(AuditLog.class).byActor(userId, 50)).stream()
                .map(AuditEntry::action).collect(Collectors.toCollection(ArrayList::new));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static int counter;

    private static Path sshKeygen(String type, String bits, String comment) throws IOException, InterruptedException {
        Path file = keys.resolve("key" + (++counter));
        run("ssh-keygen", "-q", "-t", type, "-b", bits, "-N", "", "-C", comment, "-f", file.toString());
        return Path.of(file + ".pub");
    }

    /** About every second fingerprint holds a '/'; this makes sure the test sends one. */
    private static Path keyWithSlashInFingerprint() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 30; attempt++) {
            Path key = sshKeygen("ed25519", "256", "slash");
            // "//" would be an empty path segment, which Jetty refuses as ambiguous (the CLI removes by id).
            String fingerprint = sshKeygenFingerprint(key);
            if (fingerprint.contains("/") && !fingerprint.contains("//")) {
                return key;
            }
        }
        throw new AssertionError("30 keys without '/' in the fingerprint");
    }

    private static Path keyWithoutEmptySegment() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 30; attempt++) {
            Path key = sshKeygen("ed25519", "256", "three");
            if (!sshKeygenFingerprint(key).contains("//")) {
                return key;
            }
        }
        throw new AssertionError("30 keys with '//' in the fingerprint");
    }

    /** The second field of {@code ssh-keygen -lf}: what a user compares against. */
    private static String sshKeygenFingerprint(Path publicKey) throws IOException, InterruptedException {
        return run("ssh-keygen", "-l", "-E", "sha256", "-f", publicKey.toString()).split("\\s+")[1];
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
