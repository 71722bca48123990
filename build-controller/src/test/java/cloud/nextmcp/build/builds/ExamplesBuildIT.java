package cloud.nextmcp.build.builds;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.artifacts.FileArtifactStore;
import cloud.nextmcp.build.releases.Deployer;
import cloud.nextmcp.build.sandbox.SandboxConfig;
import cloud.nextmcp.build.sandbox.Sandboxes;
import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.builds.BuildStatus;
import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.testing.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each example in {@code examples/} is pushed, built by the worker in the sandbox, started with
 * its artifact's start command and asked for a tool call over Streamable HTTP. The Python example
 * needs no network; node and java download their dependencies from the npm registry and Maven
 * Central.
 */
class ExamplesBuildIT {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    private Jdbi jdbi;
    private FinishedBuilds finished;
    private EventBus events;
    private DataDirectory data;
    private App app;
    private BuildWorker worker;
    private Process instance;
    private final List<Artifact> deployed = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void platform() {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        jdbi = db.jdbi();
        finished = new FinishedBuilds(jdbi, Duration.ofMinutes(10));
        events = new EventBus(jdbi, db.connectionInfo());
        data = new DataDirectory(tmp.resolve("data"));
        long team = jdbi.onDemand(TeamDao.class).insert("examples", false).id();
        app = jdbi.onDemand(AppDao.class).insert("example", team, null);
        Deployer deployer = (a, b, artifact, log) -> {
            deployed.add(artifact);
            return deployed.size();
        };
        worker = new BuildWorker(new BuilderConfig("examples", 1, 30, 2, 600, 30, null, null, null, null), jdbi, events, data,
                Sandboxes.detect(SandboxConfig.defaults(), data.sandbox()), new FileArtifactStore(data), deployer);
        worker.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (instance != null) {
            instance.descendants().forEach(ProcessHandle::destroyForcibly);
            instance.destroyForcibly();
            instance.waitFor();
        }
        worker.close();
        events.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "node", "java"})
    void theExampleBuildsStartsAndAnswersAToolCall(String example) throws Exception {
        String sha = TestRepos.commitDirectory(data.repository(app.id()), tmp, EXAMPLES.resolve(example));
        Build build = jdbi.onDemand(BuildDao.class).enqueue(app.id(), sha, "refs/heads/main", null);
        events.publish(Channels.BUILDS, Long.toString(build.id()));

        Build done = finished.await(build);
        assertThat(done.status()).as(String.join("\n", finished.log(build))).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(done.buildpack()).isEqualTo(example);
        Artifact artifact = deployed.get(0);
        assertThat(artifact.healthPath()).isEqualTo("/health");

        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", artifact.startCommand()).directory(artifact.directory().toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("instance.log").toFile());
        pb.environment().putAll(artifact.env());
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("GREETING", "Hi");
        instance = pb.start();
        awaitHealthy("http://127.0.0.1:" + port + "/health");

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"protocolVersion\":");
    }

    private void awaitHealthy(String url) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            assertThat(instance.isAlive()).as("the instance exited; see %s", tmp.resolve("instance.log")).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("instance did not become healthy at " + url);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
