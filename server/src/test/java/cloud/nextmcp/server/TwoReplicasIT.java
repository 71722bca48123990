package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.leadership.LeaderLock;
import cloud.nextmcp.core.testing.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two platform processes on one external PostgreSQL, as two replicas of each role in a cluster: A runs
 * api, builder and router and is the leader (it started first); B runs api, git, builder and router. They
 * share the data directory as replicas share a ReadWriteMany volume, and the keys as they share Secrets.
 * A push goes live through both routers; A is killed with SIGKILL in the middle of the next push's build
 * (taking a router, a builder and the leader with it); B takes over the runtime, the push still
 * releases, and a rollback follows. No build, release or app instance is lost or doubled.
 */
class TwoReplicasIT {
    private static final String LOCK_HOLDERS = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
            + "AND objsubid = 2 AND classid = CAST(CAST(? AS bigint) AS oid) AND objid = CAST(CAST(? AS bigint) AS oid)";

    @TempDir
    Path tmp;
    private final List<PlatformProcess> started = new ArrayList<>();
    private String url;
    private String user;

    @AfterEach
    void stopAll() {
        started.forEach(PlatformProcess::close);
    }

    @Test
    void pushLiveAndRollbackSurviveKillingTheLeaderWithOneRouterAndOneBuilder() throws Exception {
        url = System.getenv("NEXTMCP_TEST_EXTERNAL_DATABASE_URL");
        user = System.getenv().getOrDefault("NEXTMCP_TEST_EXTERNAL_DATABASE_USER", "postgres");
        Prerequisites.require(url != null, "an external PostgreSQL in NEXTMCP_TEST_EXTERNAL_DATABASE_URL (bin/test starts one)");
        String app = "replicas-" + Long.toString(System.nanoTime() % 100_000, 36);
        Path data = tmp.resolve("shared-data");
        Map<String, String> shared = sharedEnv();

        PlatformProcess a = platform(data, "a", "api, builder, router", shared);
        Polling.await("replica A to lead", Duration.ofSeconds(20), () -> leaders() == 1 ? Optional.of(true) : Optional.empty(),
                () -> a.logText());
        PlatformProcess b = platform(data, "b", "api, git, builder, router", shared);

        Cli cli = new Cli(Files.createDirectories(tmp.resolve("home")), b.apiUrl());
        Path anywhere = Files.createDirectories(tmp.resolve("anywhere"));
        cli.runWithStdin(anywhere, "correct horse battery\n", "register", "--email",
                "replicas-" + UUID.randomUUID() + "@example.com", "--password-stdin");
        GitUser git = GitUser.create(tmp.resolve("git-home"));
        cli.ok(anywhere, "keys", "add", git.publicKey().toString());
        Path repo = git.repoFrom(Examples.path("node"), tmp.resolve(app));
        cli.ok(repo, "apps", "create", app);

        GitUser.Result first = git.git(repo, "push", "nextmcp", "main");
        assertThat(first.output()).as(first + logs(a, b)).contains("remote: -----> Released v1 — ");
        assertThat(McpApp.greetOnce(a.routerUrl(), app, "Ada")).isEqualTo("Hello, Ada!");
        assertThat(McpApp.greetOnce(b.routerUrl(), app, "Ada")).as("the other router serves the same route").isEqualTo("Hello, Ada!");
        assertThat(a.processesRunning("node")).as("the leader runs the app" + logs(a, b)).hasSize(1);
        assertThat(b.processesRunning("node")).as("the follower runs no app").isEmpty();

        changeGreetingWithASlowBuild(git, repo);
        Path pushOutput = tmp.resolve("push-v2.txt");
        Process push = git.startTo(pushOutput, repo, "push", "nextmcp", "main");
        try {
            Polling.await("v2's slow build step to run on a builder", Duration.ofSeconds(60),
                    () -> a.processesRunning("sleep").isEmpty() && b.processesRunning("sleep").isEmpty()
                            ? Optional.empty() : Optional.of(true),
                    () -> read(pushOutput) + logs(a, b));
            boolean buildOnA = !a.processesRunning("sleep").isEmpty();
            long killedAt = System.nanoTime();
            a.kill();

            Polling.await("replica B to take the lead", Duration.ofSeconds(10),
                    () -> leaders() == 1 && !b.processesRunning("node").isEmpty() ? Optional.of(true) : Optional.empty(),
                    () -> logs(a, b));
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("takeover time").isLessThan(Duration.ofSeconds(10));
            McpApp.awaitGreeting(b.routerUrl(), app, "Ada", "Hello, Ada!", Duration.ofSeconds(20), () -> logs(a, b));

            assertThat(push.waitFor(120, TimeUnit.SECONDS)).as("the push finishes" + logs(a, b)).isTrue();
            assertThat(read(pushOutput)).as("the push's build was %s; it is released once%s",
                    buildOnA ? "taken over from the killed builder" : "on the surviving builder", logs(a, b))
                    .contains("remote: -----> Released v2 — ");
        } finally {
            push.destroyForcibly();
        }
        McpApp.awaitGreeting(b.routerUrl(), app, "Ada", "Howdy, Ada!", Duration.ofSeconds(30), () -> logs(a, b));

        assertThat(cli.ok(repo, "rollback", "v1")).contains("v3 is rolling out");
        McpApp.awaitGreeting(b.routerUrl(), app, "Ada", "Hello, Ada!", Duration.ofSeconds(30), () -> logs(a, b));

        assertThat(query("SELECT count(*) FROM builds b JOIN apps a ON a.id = b.app_id WHERE a.name = ?", app))
                .as("one build per push").isEqualTo(2);
        assertThat(query("SELECT count(*) FROM builds b JOIN apps a ON a.id = b.app_id WHERE a.name = ? AND b.status = 'succeeded'",
                app)).as("both builds succeeded").isEqualTo(2);
        assertThat(query("SELECT count(*) FROM releases r JOIN apps a ON a.id = r.app_id WHERE a.name = ?", app))
                .as("v1, v2 and the rollback v3, each once").isEqualTo(3);
        Polling.await("exactly one instance left running", Duration.ofSeconds(30),
                () -> query("SELECT count(*) FROM instances i JOIN apps a ON a.id = i.app_id WHERE a.name = ?", app) == 1
                        && b.processesRunning("node").size() == 1 ? Optional.of(true) : Optional.empty(),
                () -> "node processes: " + b.processesRunning("node") + logs(a, b));
    }

    private PlatformProcess platform(Path data, String name, String roles, Map<String, String> shared) {
        Map<String, String> env = new HashMap<>(shared);
        env.put("NEXTMCP_ROLES", roles);
        env.put("NEXTMCP_BUILDER_NAME", "builder-" + name);
        PlatformProcess p = new PlatformProcess(data, tmp.resolve(name + "-platform.log"), env);
        started.add(p);
        return p.start();
    }

    private Map<String, String> sharedEnv() {
        SecureRandom random = new SecureRandom();
        byte[] master = new byte[32];
        byte[] jwt = new byte[48];
        random.nextBytes(master);
        random.nextBytes(jwt);
        return Map.of("NEXTMCP_DATABASE_URL", url, "NEXTMCP_DATABASE_USER", user, "NEXTMCP_DATABASE_PASSWORD", "",
                "NEXTMCP_MASTER_KEY", Base64.getEncoder().encodeToString(master),
                "NEXTMCP_JWT_SECRET", Base64.getEncoder().encodeToString(jwt),
                // A killed builder's lease lapses quickly, so its build is taken over within the test's time.
                "NEXTMCP_BUILD_LEASE_SECONDS", "6",
                "NEXTMCP_LEADER_CHECK_MILLIS", "500");
    }

    /** Sessions holding the builder's leader lock: 1 while a replica leads. */
    private long leaders() {
        try (Connection c = DriverManager.getConnection(url, user, ""); PreparedStatement s = c.prepareStatement(LOCK_HOLDERS)) {
            s.setLong(1, Integer.toUnsignedLong(LeaderLock.NAMESPACE));
            s.setLong(2, Integer.toUnsignedLong(LeaderLock.key("builder-singletons")));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read pg_locks", e);
        }
    }

    private long query(String sql, String app) {
        try (Connection c = DriverManager.getConnection(url, user, ""); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, app);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count rows: " + sql, e);
        }
    }

    /** v2 greets differently and builds slowly enough to kill a replica in the middle. */
    private static void changeGreetingWithASlowBuild(GitUser git, Path repo) throws IOException {
        Path server = repo.resolve("server.js");
        Files.writeString(server, Files.readString(server).replace("?? 'Hello'", "?? 'Howdy'"));
        Path packageJson = repo.resolve("package.json");
        Files.writeString(packageJson, Files.readString(packageJson)
                .replace("\"start\": \"node server.js\"", "\"start\": \"node server.js\",\n    \"build\": \"sleep 8\""));
        git.ok(repo, "commit", "-q", "-am", "Greet with Howdy; slow build");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(nothing)";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String logs(PlatformProcess a, PlatformProcess b) {
        return "\n--- replica A\n" + a.logText() + "\n--- replica B\n" + b.logText();
    }
}
