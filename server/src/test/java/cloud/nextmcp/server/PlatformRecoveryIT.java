package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What survives failures: an app process that dies is restarted, and a platform killed with
 * SIGKILL in the middle of a build cancels that build after it starts again (its push is gone, so
 * the branch could not follow), keeps the app's branch on what runs, and brings the deployed app
 * back without a new push.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformRecoveryIT {
    private static final String APP = "weather";

    @TempDir
    static Path tmp;
    private static PlatformProcess platform;
    private static GitUser git;
    private static Path repo;
    private static BuildRecords builds;

    @BeforeAll
    static void deployTheNodeExample() throws Exception {
        platform = new PlatformProcess(tmp.resolve("data"), Map.of()).start();
        Cli cli = new Cli(Files.createDirectories(tmp.resolve("home")), platform.apiUrl());
        Path anywhere = Files.createDirectories(tmp.resolve("anywhere"));
        cli.runWithStdin(anywhere, "correct horse battery\n", "register", "--email", "carol@example.com", "--password-stdin");
        git = GitUser.create(tmp.resolve("git-home"));
        cli.ok(anywhere, "keys", "add", git.publicKey().toString());
        builds = new BuildRecords(platform, cli.ok(anywhere, "tokens", "create", "recovery-test").trim());
        repo = git.repoFrom(Examples.path("node"), tmp.resolve(APP));
        cli.ok(repo, "apps", "create", APP);
        GitUser.Result push = git.git(repo, "push", "nextmcp", "main");
        assertThat(push.output()).as(push + diagnostics()).contains("remote: -----> Released v1 — ");
        assertThat(McpApp.greetOnce(platform.routerUrl(), APP, "Ada")).isEqualTo("Hello, Ada!");
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void anAppProcessThatDiesIsRestartedAndAnswersAgain() {
        List<ProcessHandle> before = appProcesses();
        assertThat(before).as("one running instance of " + APP + diagnostics()).hasSize(1);
        long killed = before.get(0).pid();
        before.get(0).destroyForcibly();

        Polling.await("a new process for " + APP, Duration.ofSeconds(60),
                () -> appProcesses().stream().filter(p -> p.pid() != killed).findFirst(),
                () -> "app processes: " + appProcesses() + diagnostics());
        McpApp.awaitGreeting(platform.routerUrl(), APP, "Ada", "Hello, Ada!", Duration.ofSeconds(60),
                PlatformRecoveryIT::diagnostics);
    }

    @Test
    @Order(2)
    void aBuildInterruptedBySigkillIsCancelledAfterTheRestartAndTheBranchStillMatchesWhatRuns() throws Exception {
        int buildsBefore = builds.of(APP).size();
        String running = git.ok(repo, "rev-parse", "HEAD").trim();
        addSlowBuildStep();
        Path pushOutput = tmp.resolve("slow-push.txt");
        Process push = git.startTo(pushOutput, repo, "push", "nextmcp", "main");
        try {
            Polling.await("the slow build step to run", Duration.ofSeconds(120),
                    () -> platform.processesRunning("sleep").stream().findFirst(),
                    () -> "push output:\n" + read(pushOutput) + diagnostics());
            platform.kill();
            assertThat(push.waitFor(60, TimeUnit.SECONDS)).as("the push ends when the platform dies").isTrue();
        } finally {
            push.destroyForcibly();
        }

        platform.start();
        McpApp.awaitGreeting(platform.routerUrl(), APP, "Ada", "Hello, Ada!", Duration.ofSeconds(90),
                PlatformRecoveryIT::diagnostics);

        BuildRecords.Build interrupted = Polling.await("the interrupted build to finish", Duration.ofSeconds(180),
                () -> {
                    List<BuildRecords.Build> all = builds.of(APP);
                    return all.size() > buildsBefore && all.get(0).finished() ? Optional.of(all.get(0)) : Optional.empty();
                },
                () -> "builds: " + builds.of(APP) + "\npush output:\n" + read(pushOutput) + diagnostics());
        assertThat(interrupted.status()).as("the build of a push that is gone is not deployed").isEqualTo("failed");
        assertThat(interrupted.error())
                .isEqualTo("the push that started this build was interrupted (the platform restarted); push again");
        assertThat(builds.of(APP)).as("no build is left queued or running").allMatch(BuildRecords.Build::finished);
        assertThat(McpApp.greetOnce(platform.routerUrl(), APP, "Ada")).isEqualTo("Hello, Ada!");
        assertThat(git.ok(repo, "ls-remote", "nextmcp", "refs/heads/main")).as("the branch is what runs (v1)").startsWith(running);
    }

    /** A build script that takes long enough to kill the platform while it runs. */
    private static void addSlowBuildStep() throws IOException {
        Path packageJson = repo.resolve("package.json");
        String source = Files.readString(packageJson);
        String slow = source.replace("\"start\": \"node server.js\"", "\"start\": \"node server.js\",\n    \"build\": \"sleep 20\"");
        assertThat(slow).as("package.json has the start script to extend").isNotEqualTo(source);
        Files.writeString(packageJson, slow);
        git.ok(repo, "commit", "-q", "-am", "Add a slow build step");
    }

    /** The node processes the platform runs for apps (asked only when no build is running). */
    private static List<ProcessHandle> appProcesses() {
        return platform.processesRunning("node");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(nothing)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String diagnostics() {
        return "\n--- platform log\n" + platform.logText();
    }
}
