package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * From {@code git push} to an MCP client calling the app through the router: the real git and
 * OpenSSH clients, the real platform, the MCP Java SDK. The tests build on each other (v1, then a
 * rollout, then a rejected push) on one platform, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PushToLiveIT {
    private static final String APP = "weather";

    @TempDir
    static Path tmp;
    private static PlatformProcess platform;
    private static Cli cli;
    private static GitUser git;
    private static Path repo;
    private static Path anywhere;

    @BeforeAll
    static void registerUserWithKeyAndApp() throws Exception {
        platform = new PlatformProcess(tmp.resolve("data"), Map.of()).start();
        cli = new Cli(Files.createDirectories(tmp.resolve("home")), platform.apiUrl());
        anywhere = Files.createDirectories(tmp.resolve("anywhere"));
        cli.runWithStdin(anywhere, "correct horse battery\n", "register", "--email", "bob@example.com", "--password-stdin");
        assertThat(cli.ok(anywhere, "whoami").trim()).isEqualTo("bob@example.com");
        git = GitUser.create(tmp.resolve("git-home"));
        cli.ok(anywhere, "keys", "add", git.publicKey().toString());
        repo = git.repoFrom(Examples.path("node"), tmp.resolve(APP));
        cli.ok(repo, "apps", "create", APP);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void pushOverSshReleasesTheAppAndAnMcpClientCallsIt() {
        GitUser.Result push = git.git(repo, "push", "nextmcp", "main");
        assertThat(push.exitCode()).as(push + diagnostics()).isZero();
        assertThat(push.output()).as(push.output())
                .contains("remote: -----> Released v1 — http://" + APP + ".localhost:" + routerPort() + "/");

        try (McpApp mcp = McpApp.connect(platform.routerUrl(), APP)) {
            assertThat(mcp.toolNames()).contains("greet", "add");
            assertThat(mcp.greet("Ada")).isEqualTo("Hello, Ada!");
        }
    }

    @Test
    @Order(2)
    void aCodeChangeGoesLiveWhileClientsKeepCallingWithoutAFailedRequest() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> greetings = new ConcurrentLinkedQueue<>();
        Thread caller = new Thread(() -> {
            try (McpApp mcp = McpApp.connect(platform.routerUrl(), APP)) {
                while (!stop.get()) {
                    try {
                        greetings.add(mcp.greet("Ada"));
                        answered.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            } catch (RuntimeException e) {
                failures.add("connect: " + e);
            }
        }, "mcp-caller");
        caller.start();
        try {
            Polling.await("the first answers of the background caller", Duration.ofSeconds(30),
                    () -> answered.get() > 0 ? Optional.of(true) : Optional.empty(), PushToLiveIT::diagnostics);

            changeGreeting("Howdy");
            GitUser.Result push = git.git(repo, "push", "nextmcp", "main");
            assertThat(push.exitCode()).as(push + diagnostics()).isZero();
            assertThat(push.output()).as(push.output()).contains("remote: -----> Released v2 — ");

            Polling.await("the background caller to be answered by v2", Duration.ofSeconds(30),
                    () -> greetings.contains("Howdy, Ada!") ? Optional.of(true) : Optional.empty(),
                    PushToLiveIT::diagnostics);
            // The old instance drains and is stopped after the switch: keep calling until it is gone.
            Polling.await("the v1 instance to stop", Duration.ofSeconds(90),
                    () -> appProcesses().size() == 1 ? Optional.of(true) : Optional.empty(),
                    () -> "app processes: " + appProcesses() + diagnostics());
        } finally {
            stop.set(true);
            caller.join(30_000);
        }
        assertThat(failures).as("failed requests during the rollout (of " + answered.get() + ")" + diagnostics()).isEmpty();
        assertThat(answered.get()).isGreaterThan(1);
        assertThat(McpApp.greetOnce(platform.routerUrl(), APP, "Ada")).isEqualTo("Howdy, Ada!");
    }

    @Test
    @Order(3)
    void aBrokenCommitIsRejectedAndTheRunningReleaseKeepsAnswering() throws Exception {
        String live = git.ok(repo, "rev-parse", "HEAD").trim();
        Path packageJson = repo.resolve("package.json");
        Files.writeString(packageJson, Files.readString(packageJson)
                .replace("\"start\": \"node server.js\"",
                        "\"start\": \"node server.js\",\n    \"build\": \"node -e \\\"console.error('tsc: 3 errors'); process.exit(3)\\\"\""));
        git.ok(repo, "commit", "-q", "-am", "Add a build step that fails");
        try {
            GitUser.Result push = git.git(repo, "push", "nextmcp", "main");
            assertThat(push.exitCode()).as(push + diagnostics()).isNotZero();
            assertThat(push.output()).as(push.output()).contains("! [remote rejected] main -> main (build failed");

            String remoteMain = git.ok(repo, "ls-remote", "nextmcp", "refs/heads/main").split("\\s+")[0];
            assertThat(remoteMain).as("the server's main did not move").isEqualTo(live);
            assertThat(McpApp.greetOnce(platform.routerUrl(), APP, "Ada")).isEqualTo("Howdy, Ada!");
        } finally {
            git.ok(repo, "reset", "-q", "--hard", live);
        }
    }

    @Test
    @Order(4)
    void pushOverHttpWithAnApiTokenDeploys() throws Exception {
        String token = cli.ok(anywhere, "tokens", "create", "deploy-bot").trim();
        assertThat(token).startsWith("nmcp_");
        String httpRemote = "http://127.0.0.1:" + platform.port("NEXTMCP_GIT_HTTP_PORT") + "/git/" + APP + ".git";
        changeGreeting("Greetings");

        GitUser.Result denied = git.git(repo, "push", httpRemote, "main");
        assertThat(denied.exitCode()).as("a push without a token is refused: " + denied).isNotZero();

        GitUser.Result push = git.git(repo, "-c", "http.extraHeader=Authorization: Bearer " + token,
                "push", httpRemote, "main");
        assertThat(push.exitCode()).as(push + diagnostics()).isZero();
        assertThat(push.output()).as(push.output()).contains("remote: -----> Released v3 — ");
        McpApp.awaitGreeting(platform.routerUrl(), APP, "Ada", "Greetings, Ada!", Duration.ofSeconds(30),
                PushToLiveIT::diagnostics);
    }

    @Test
    @Order(5)
    void theStandardLibraryPythonExampleDeploys() throws Exception {
        Path python = git.repoFrom(Examples.path("python"), tmp.resolve("tides"));
        cli.ok(python, "apps", "create", "tides");
        GitUser.Result push = git.git(python, "push", "nextmcp", "main");
        assertThat(push.exitCode()).as(push + diagnostics()).isZero();
        assertThat(push.output()).as(push.output())
                .contains("remote: -----> Released v1 — http://tides.localhost:" + routerPort() + "/");

        try (McpApp mcp = McpApp.connect(platform.routerUrl(), "tides")) {
            assertThat(mcp.toolNames()).contains("greet", "add");
            assertThat(mcp.greet("Ada")).isEqualTo("Hello, Ada!");
        }
    }

    @Test
    @Order(6)
    void theJavaSdkExampleDeploys() throws Exception {
        Path java = git.repoFrom(Examples.path("java"), tmp.resolve("almanac"));
        cli.ok(java, "apps", "create", "almanac");
        GitUser.Result push = git.git(java, "push", "nextmcp", "main");
        assertThat(push.exitCode()).as(push + diagnostics()).isZero();
        assertThat(push.output()).as(push.output())
                .contains("remote: -----> java app detected")
                .contains("remote: -----> Released v1 — http://almanac.localhost:" + routerPort() + "/");

        try (McpApp mcp = McpApp.connect(platform.routerUrl(), "almanac")) {
            assertThat(mcp.toolNames()).contains("greet", "add");
            assertThat(mcp.greet("Ada")).isEqualTo("Hello, Ada!");
        }
    }

    private static void changeGreeting(String greeting) throws IOException {
        Path server = repo.resolve("server.js");
        String source = Files.readString(server);
        String changed = source.replaceFirst("process\\.env\\.GREETING \\?\\? '[^']*'",
                "process.env.GREETING ?? '" + greeting + "'");
        assertThat(changed).as("server.js has a default greeting to change").isNotEqualTo(source);
        Files.writeString(server, changed);
        git.ok(repo, "commit", "-q", "-am", "Greet with " + greeting);
    }

    /** The node processes the platform runs for apps (asked only when no build is running). */
    private static List<ProcessHandle> appProcesses() {
        return platform.processesRunning("node");
    }

    private static int routerPort() {
        return platform.port("NEXTMCP_ROUTER_PORT");
    }

    private static String diagnostics() {
        return "\n--- platform log\n" + platform.logText();
    }
}
