package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP conformance suite, every active server scenario, against the suite's own reference
 * server: started by hand (the floor) and pushed to the platform unchanged, stateful at one instance and at
 * three (sessions pinned), stateless at three, and asleep (autoscaled to zero) until the first request
 * wakes it. Whatever passes against the server directly must pass
 * through the router, and whatever fails directly must fail the same way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConformanceThroughRouterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "conformance";
    /**
     * Not run statelessly: the server asks the client something in the middle of a tool call, and the
     * client's answer, a separate POST, reaches a fresh stateless server that never asked. Directly they
     * fail after the suite's 60 s timeout each, so running them would only cost four minutes.
     */
    private static final Set<String> NEED_A_SESSION = Set.of("tools-call-sampling", "tools-call-elicitation",
            "elicitation-sep1034-defaults", "elicitation-sep1330-enums");

    @TempDir
    static Path tmp;
    private static ConformanceSuite suite;
    private static PlatformProcess platform;
    private static Cli cli;
    private static Path repo;
    private static Map<String, String> directStateful;
    private static Map<String, String> directStateless;

    @BeforeAll
    static void runTheSuiteDirectlyAndPushTheServer() throws Exception {
        suite = ConformanceSuite.install();
        try (ReferenceServer stateful = ReferenceServer.start(false)) {
            directStateful = ConformanceSuite.summary(suite.runAll(stateful.url()));
        }
        try (ReferenceServer stateless = ReferenceServer.start(true)) {
            directStateless = statelessScenarios(stateless.url());
        }
        platform = new PlatformProcess(tmp.resolve("data"), Map.of()).start();
        cli = new Cli(Files.createDirectories(tmp.resolve("home")), platform.apiUrl());
        cli.runWithStdin(tmp, "correct horse battery\n", "register", "--email", "ada@example.com", "--password-stdin");
        GitUser git = GitUser.create(tmp.resolve("git-home"));
        cli.ok(tmp, "keys", "add", git.publicKey().toString());
        repo = git.repoFrom(ReferenceServer.source(), tmp.resolve(APP));
        cli.ok(repo, "apps", "create", APP);
        GitUser.Result push = git.git(repo, "push", "nextmcp", "main");
        assertThat(push.exitCode()).as(push + "\n--- platform log ---\n" + platform.logText()).isZero();
        assertThat(push.output()).as(push.output()).contains("remote: -----> Released v1 — ");
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void theReferenceServerPassesEveryScenarioWhenStartedByHand() {
        assertThat(directStateful).as("the suite's scenarios").hasSizeGreaterThanOrEqualTo(30)
                .allSatisfy((scenario, result) -> assertThat(result).as(scenario).endsWith(" 0 failed"));
        assertThat(directStateless).as("stateless").hasSize(directStateful.size() - NEED_A_SESSION.size());
    }

    @Test
    @Order(2)
    void statefulAtOneInstanceEveryScenarioEndsThroughTheRouterAsItDoesDirectly() throws Exception {
        ConformanceSuite.Outcome outcome = suite.runAll(url());
        assertThat(ConformanceSuite.summary(outcome)).as("through the router:\n" + outcome.output())
                .containsExactlyEntriesOf(directStateful);
    }

    @Test
    @Order(3)
    void statefulAtThreeInstancesSessionsStayPinnedAndEveryScenarioEndsAsItDoesDirectly() throws Exception {
        assertThat(cli.ok(repo, "scale", "web=3")).contains("Scaled " + APP + " web to 3");
        awaitHealthy(3, 1);
        ConformanceSuite.Outcome outcome = suite.runAll(url());
        assertThat(ConformanceSuite.summary(outcome)).as("through the router:\n" + outcome.output())
                .containsExactlyEntriesOf(directStateful);
    }

    @Test
    @Order(4)
    void statelessAtThreeInstancesEveryScenarioEndsThroughTheRouterAsItDoesDirectly() throws Exception {
        cli.ok(repo, "config", "set", "MCP_STATELESS=1");
        awaitHealthy(3, 2);
        assertThat(statelessScenarios(url())).containsExactlyEntriesOf(directStateless);
    }

    @Test
    @Order(5)
    void asleepBeforeTheFirstRequestTheScenarioWakesTheAppAndEndsAsItDoesDirectly() throws Exception {
        assertThat(cli.ok(repo, "autoscale", "--min", "0", "--max", "1", "--idle", "1s")).contains("web 0–1");
        Polling.await("the app to fall asleep", Duration.ofSeconds(60),
                () -> cli.ok(repo, "ps").contains("now asleep") ? Optional.of(true) : Optional.empty(),
                () -> cli.run(repo, "ps") + "\n--- platform log ---\n" + platform.logText());
        // One scenario is enough to show the wake is invisible to a client; the rest ran above.
        String scenario = directStateless.keySet().iterator().next();
        ConformanceSuite.Outcome outcome = suite.run(url(), scenario);
        assertThat(ConformanceSuite.result(outcome)).as(scenario + " woken through the router:\n" + outcome.output())
                .contains(directStateless.get(scenario));
        assertThat(cli.ok(repo, "logs")).contains("Waking (web × 1): a request arrived");
    }

    private static Map<String, String> statelessScenarios(String url) throws Exception {
        Map<String, String> results = new LinkedHashMap<>();
        for (String scenario : directStateful.keySet()) {
            if (!NEED_A_SESSION.contains(scenario)) {
                ConformanceSuite.Outcome outcome = suite.run(url, scenario);
                results.put(scenario, ConformanceSuite.result(outcome)
                        .orElseThrow(() -> new AssertionError(scenario + " printed no result:\n" + outcome.output())));
            }
        }
        return results;
    }

    private static String url() {
        return platform.routerUrl() + "/apps/" + APP + "/mcp";
    }

    /** Waits until {@code count} instances of release {@code version} are healthy and no other instance is left. */
    private static void awaitHealthy(int count, int version) {
        Polling.await(count + " healthy instances of v" + version, Duration.ofSeconds(120), () -> {
            try {
                JsonNode ps = JSON.readTree(cli.ok(repo, "ps", "--json"));
                long healthy = 0;
                for (JsonNode i : ps) {
                    if ("healthy".equals(i.path("state").asText()) && i.path("release").asInt() == version) {
                        healthy++;
                    }
                }
                return healthy == count && ps.size() == count ? Optional.of(true) : Optional.empty();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, () -> cli.run(repo, "ps") + "\n--- platform log ---\n" + platform.logText());
    }
}
