package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases made without a push, through the CLI: config vars, rollback, scaling, and the
 * instances and logs a user looks at afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseCommandsIT {
    private static final String APP = "weather";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static PlatformProcess platform;
    private static Cli cli;
    private static Path repo;
    private static BuildRecords builds;

    @BeforeAll
    static void deployTheNodeExample() throws Exception {
        platform = new PlatformProcess(tmp.resolve("data"), Map.of()).start();
        cli = new Cli(Files.createDirectories(tmp.resolve("home")), platform.apiUrl());
        Path anywhere = Files.createDirectories(tmp.resolve("anywhere"));
        cli.runWithStdin(anywhere, "correct horse battery\n", "register", "--email", "dan@example.com", "--password-stdin");
        GitUser git = GitUser.create(tmp.resolve("git-home"));
        cli.ok(anywhere, "keys", "add", git.publicKey().toString());
        builds = new BuildRecords(platform, cli.ok(anywhere, "tokens", "create", "release-test").trim());
        repo = git.repoFrom(Examples.path("node"), tmp.resolve(APP));
        cli.ok(repo, "apps", "create", APP);
        GitUser.Result push = git.git(repo, "push", "nextmcp", "main");
        assertThat(push.output()).as(push + diagnostics()).contains("remote: -----> Released v1 — ");
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void settingAConfigVarMakesAReleaseThatUsesIt() {
        String set = cli.ok(repo, "config", "set", "GREETING=Hi");
        assertThat(set).contains("Set GREETING on " + APP);
        McpApp.awaitGreeting(platform.routerUrl(), APP, "Ada", "Hi, Ada!", Duration.ofSeconds(60),
                ReleaseCommandsIT::diagnostics);
        assertThat(cli.ok(repo, "config", "--reveal")).contains("GREETING").contains("Hi");
        assertThat(cli.ok(repo, "releases")).contains("v2").contains("v1");
    }

    @Test
    @Order(2)
    void rollbackBringsBackTheOldBehaviourWithoutABuild() {
        int buildsBefore = builds.of(APP).size();
        String rolledBack = cli.ok(repo, "rollback");
        assertThat(rolledBack).contains("Rolled back " + APP + ": v3 is rolling out");
        McpApp.awaitGreeting(platform.routerUrl(), APP, "Ada", "Hello, Ada!", Duration.ofSeconds(60),
                ReleaseCommandsIT::diagnostics);
        assertThat(builds.of(APP)).as("a rollback builds nothing").hasSize(buildsBefore);
    }

    @Test
    @Order(3)
    void scalingToTwoShowsTwoHealthyInstancesAndTheirLogs() {
        assertThat(cli.ok(repo, "scale", "web=2")).contains("Scaled " + APP + " web to 2");
        Polling.await("two healthy web instances", Duration.ofSeconds(60), () -> {
            try {
                JsonNode ps = JSON.readTree(cli.ok(repo, "ps", "--json"));
                long healthy = 0;
                for (JsonNode i : ps) {
                    if ("web".equals(i.path("type").asText()) && "healthy".equals(i.path("state").asText())) {
                        healthy++;
                    }
                }
                return healthy == 2 ? Optional.of(true) : Optional.empty();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, () -> cli.run(repo, "ps") + diagnostics());
        assertThat(McpApp.greetOnce(platform.routerUrl(), APP, "Ada")).isEqualTo("Hello, Ada!");

        String logs = cli.ok(repo, "logs", "-n", "200");
        assertThat(logs).as(logs).contains("web.1").contains("web.2");
    }

    private static String diagnostics() {
        return "\n--- platform log\n" + platform.logText();
    }
}
