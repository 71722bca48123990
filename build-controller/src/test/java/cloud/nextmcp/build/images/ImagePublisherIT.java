package cloud.nextmcp.build.images;

import cloud.nextmcp.core.testing.Prerequisites;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.build.artifacts.Artifact;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes to Debian's docker-registry, started on loopback for the test. */
class ImagePublisherIT {
    private static final Path REGISTRY = Path.of("/usr/bin/docker-registry");
    @TempDir
    Path tmp;
    private Process registry;
    private String address;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startRegistry() throws Exception {
        Prerequisites.require(Files.isExecutable(REGISTRY), "Debian's docker-registry");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        address = "127.0.0.1:" + port;
        Path config = tmp.resolve("registry.yml");
        Files.writeString(config, "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: "
                + tmp.resolve("storage") + "\nhttp:\n  addr: " + address + "\n");
        registry = new ProcessBuilder(REGISTRY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("registry.log").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(30);
        while (!answers("http://" + address + "/v2/")) {
            assertThat(registry.isAlive()).as(Files.readString(tmp.resolve("registry.log"))).isTrue();
            assertThat(Instant.now()).as("registry did not start").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    @AfterEach
    void stopRegistry() throws InterruptedException {
        if (registry != null) {
            registry.destroy();
            registry.waitFor();
        }
    }

    @Test
    void theArtifactIsPushedAsAnOciImageAndItsDigestIsWhatTheRegistryServes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("artifact/lib"));
        Files.writeString(tmp.resolve("artifact/server.js"), "console.log('hi')");
        Files.writeString(dir.resolve("util.js"), "module.exports = 1");
        Artifact artifact = new Artifact("ab".repeat(32), tmp.resolve("artifact"), "node", "exec node server.js", null,
                Map.of("NODE_ENV", "production"), null);
        List<String> log = new ArrayList<>();

        String digest = new ImagePublisher(new ImageConfig(address, "nextmcp/", null, true, null, null), tmp.resolve("cache"))
                .publish("weather", "build-7", artifact, log::add);

        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        HttpResponse<String> manifest = http.send(HttpRequest.newBuilder(
                        URI.create("http://" + address + "/v2/nextmcp/weather/manifests/build-7"))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(digest);
        JsonNode body = new ObjectMapper().readTree(manifest.body());
        assertThat(body.path("layers")).hasSize(2);

        String configDigest = body.path("config").path("digest").asText();
        JsonNode config = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                URI.create("http://" + address + "/v2/nextmcp/weather/blobs/" + configDigest)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(config.path("config").path("Entrypoint").toString()).isEqualTo("[\"/bin/sh\",\"-c\",\"exec node server.js\"]");
        assertThat(config.path("config").path("WorkingDir").asText()).isEqualTo("/app");
        assertThat(log).contains("-----> Image pushed: " + digest);
    }

    private boolean answers(String url) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
