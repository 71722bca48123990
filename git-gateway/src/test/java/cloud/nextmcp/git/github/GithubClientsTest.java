package cloud.nextmcp.git.github;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.github.GithubConfig;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GitHub App against a fake API: JWT-authenticated installation lookup and token, then calls with the token;
 * and a plain token, used as it is with no App endpoint asked.
 */
class GithubClientsTest {
    @TempDir
    Path tmp;
    private HttpServer server;
    private KeyPair keys;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void fakeGithub() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        requests.add(ex.getRequestMethod() + " " + path);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String body;
        if (path.equals("/app") || path.equals("/repos/octo/weather/installation") || path.equals("/app/installations/77/access_tokens")) {
            if (!validJwt(auth)) {
                send(ex, 401, "{\"message\":\"A JSON web token could not be decoded\"}");
                return;
            }
            body = switch (path) {
                case "/app" -> "{\"id\":42,\"slug\":\"nextmcp\",\"name\":\"NextMCP\"}";
                case "/repos/octo/weather/installation" -> "{\"id\":77,\"access_tokens_url\":\"" + base
                        + "/app/installations/77/access_tokens\",\"account\":{\"login\":\"octo\"}}";
                default -> "{\"token\":\"ghs_installation\",\"expires_at\":\"" + Instant.now().plusSeconds(3600) + "\"}";
            };
            send(ex, path.endsWith("access_tokens") ? 201 : 200, body);
        } else if (path.equals("/repos/octo/weather") && ("token ghs_installation".equals(auth) || "token ghp_plain".equals(auth))) {
            send(ex, 200, "{\"id\":1,\"name\":\"weather\",\"full_name\":\"octo/weather\",\"owner\":{\"login\":\"octo\"},"
                    + "\"url\":\"" + base + "/repos/octo/weather\"}");
        } else {
            send(ex, 401, "{\"message\":\"Bad credentials\"}");
        }
    }

    private boolean validJwt(String auth) {
        if (auth == null || !auth.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = auth.substring(7).split("\\.");
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(keys.getPublic());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return parts.length == 3 && rsa.verify(Base64.getUrlDecoder().decode(parts[2]))
                    && new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).contains("\"iss\":\"4242\"");
        } catch (Exception e) {
            return false;
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Test
    void anAppGetsOneInstallationTokenPerRepositoryAndCallsWithIt() throws Exception {
        byte[] pkcs1 = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        Path pem = Files.writeString(tmp.resolve("app.pem"), "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----\n");
        String api = "http://127.0.0.1:" + server.getAddress().getPort();
        GithubConfig config = new GithubConfig(api, api, "secret", "4242", pem.toString(), null, null);
        config.validate();
        GithubClients clients = new GithubClients(config, Clock.systemUTC());

        assertThat(clients.token("octo/weather")).isEqualTo("ghs_installation");
        assertThat(clients.forRepository("octo/weather").getRepository("octo/weather").getFullName()).isEqualTo("octo/weather");
        assertThat(requests).containsOnlyOnce("POST /app/installations/77/access_tokens")
                .contains("GET /repos/octo/weather/installation", "GET /repos/octo/weather");
    }

    @Test
    void aPlainTokenIsUsedAsItIsWithoutAskingForAnInstallationToken() throws Exception {
        String api = "http://127.0.0.1:" + server.getAddress().getPort();
        GithubConfig config = new GithubConfig(api, api, "secret", null, null, "ghp_plain", null);
        config.validate();
        GithubClients clients = new GithubClients(config, Clock.systemUTC());

        assertThat(clients.token("octo/weather")).isEqualTo("ghp_plain");
        assertThat(clients.forRepository("octo/weather").getRepository("octo/weather").getFullName()).isEqualTo("octo/weather");
        assertThat(requests).contains("GET /repos/octo/weather").noneMatch(r -> r.contains("/app") || r.endsWith("/installation"));
    }
}
