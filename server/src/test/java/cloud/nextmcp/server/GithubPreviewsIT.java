package cloud.nextmcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub end to end on one platform, talking to GitHub as a GitHub App (JWT → installation token, which
 * the fake GitHub requires for its API and its git host): a repository on a fake GitHub (API + git host on loopback) is
 * connected; a signed push deploys production and GitHub gets a success status and deployment; a
 * pull request gets its own MCP endpoint with its code while production keeps serving the old one,
 * even while GitHub answers 500; a new commit updates the preview and edits the one comment; closing
 * the pull request takes the preview down. Bad signatures, replays and unknown repositories too; and
 * {@code git push} of another branch makes a branch preview.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GithubPreviewsIT {
    private static final String APP = "weather";
    private static final String REPO = "octo-org/weather";
    private static final String SECRET = "webhook secret for the IT";
    private static final String APP_ID = "4242";
    private static final String PASSWORD = "correct horse battery";
    private static final Duration DEPLOY = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    private static FakeGithub github;
    private static PlatformProcess platform;
    private static Cli cli;
    private static GitUser git;
    private static Path work;
    private static Path anywhere;
    private static String mainSha;
    private static int nodesWithProductionOnly;

    @BeforeAll
    static void connectARepository() throws Exception {
        Path repos = Files.createDirectories(tmp.resolve("github-repos"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair appKeys = generator.generateKeyPair();
        github = new FakeGithub(repos, APP_ID, appKeys.getPublic());
        git = GitUser.create(tmp.resolve("git-home"));
        work = git.repoFrom(Examples.path("node"), tmp.resolve("work"));
        git.ok(repos, "init", "-q", "--bare", "-b", "main", repos.resolve(REPO + ".git").toString());
        git.ok(work, "push", "-q", repos.resolve(REPO + ".git").toString(), "main");
        mainSha = git.ok(work, "rev-parse", "HEAD").strip();

        platform = new PlatformProcess(tmp.resolve("data"), Map.of(
                "NEXTMCP_GITHUB_API_URL", github.apiUrl(),
                "NEXTMCP_GITHUB_GIT_URL", github.gitUrl(),
                "NEXTMCP_GITHUB_WEBHOOK_SECRET", SECRET,
                "NEXTMCP_GITHUB_APP_ID", APP_ID,
                "NEXTMCP_GITHUB_PRIVATE_KEY_FILE", privateKeyPem(appKeys.getPrivate()).toString())).start();
        cli = new Cli(Files.createDirectories(tmp.resolve("home")), platform.apiUrl());
        anywhere = Files.createDirectories(tmp.resolve("anywhere"));
        cli.runWithStdin(anywhere, PASSWORD + "\n", "register", "--email", "gina@example.com", "--password-stdin");
        cli.ok(anywhere, "apps", "create", APP);
        String connected = cli.ok(anywhere, "github", "connect", REPO, "-a", APP);
        assertThat(connected).contains("Connected weather to " + REPO, "/api/v1/github/webhook");
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    @Order(1)
    void aSignedPushToTheDefaultBranchDeploysProductionAndGithubShowsSuccess() throws Exception {
        HttpResponse<String> answer = deliver("push", UUID.randomUUID().toString(), pushPayload("main", mainSha));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        McpApp.awaitGreeting(platform.routerUrl(), APP, "Ada", "Hello, Ada!", DEPLOY, GithubPreviewsIT::diagnostics);

        FakeGithub.Status success = Polling.await("a success status for " + mainSha, Duration.ofSeconds(20),
                () -> github.statuses().stream().filter(s -> s.sha().equals(mainSha) && s.state().equals("success")).findFirst(),
                GithubPreviewsIT::diagnostics);
        assertThat(success.context()).isEqualTo("nextmcp/weather");
        assertThat(success.targetUrl()).matches("http://[^/]+/api/v1/apps/weather/builds/[0-9]+/log");
        assertThat(github.statuses()).filteredOn(s -> s.sha().equals(mainSha)).extracting(FakeGithub.Status::state)
                .startsWith("pending");
        FakeGithub.Deployment deployment = github.deployments().stream().filter(d -> d.sha().equals(mainSha)).findFirst().orElseThrow();
        assertThat(deployment.environment()).isEqualTo("production");
        Polling.await("the production deployment's success", Duration.ofSeconds(20), () -> github.deploymentStatuses().stream()
                .filter(s -> s.deploymentId() == deployment.id() && s.state().equals("success")).findFirst(), GithubPreviewsIT::diagnostics);
        assertThat(github.refusedAuthorizations).isEmpty();
        assertThat(github.installationTokens()).as("the App's JWT got an installation token").isNotEmpty();
        assertThat(github.refusedClones()).isEmpty();
        assertThat(github.authenticatedClones()).as("the commit was fetched with an installation token")
                .anyMatch(c -> c.contains("/git/" + REPO + ".git/git-upload-pack"));
        assertThat(cli.ok(anywhere, "releases", "-a", APP)).contains("v1");
        nodesWithProductionOnly = platform.processesRunning("node").size();
    }

    @Test
    @Order(2)
    void aPullRequestGetsItsOwnEndpointWithItsCodeWhileProductionKeepsTheOldOneEvenWhenGithubAnswers500() throws Exception {
        String sha = commitGreeting("Howdy");
        git.ok(work, "push", "-q", bare(), "HEAD:refs/heads/howdy", "HEAD:refs/pull/7/head");
        github.failNextStatuses(2);
        HttpResponse<String> answer = deliver("pull_request", UUID.randomUUID().toString(), prPayload("opened", 7, sha));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);

        McpApp.awaitGreeting(platform.routerUrl(), "pr-7--" + APP, "Ada", "Howdy, Ada!", DEPLOY, GithubPreviewsIT::diagnostics);
        assertThat(McpApp.greetOnce(platform.routerUrl(), APP, "Ada")).as("production is untouched").isEqualTo("Hello, Ada!");

        Polling.await("the PR's success status after GitHub's 500s", Duration.ofSeconds(60), () -> github.statuses().stream()
                .filter(s -> s.sha().equals(sha) && s.state().equals("success")).findFirst(), GithubPreviewsIT::diagnostics);
        assertThat(github.failedStatuses()).isEqualTo(2);
        assertThat(github.deployments()).filteredOn(d -> d.sha().equals(sha)).extracting(FakeGithub.Deployment::environment)
                .containsExactly("preview/pr-7");
        FakeGithub.Comment comment = Polling.await("the preview comment", Duration.ofSeconds(20),
                () -> github.comments().stream().filter(c -> c.issue() == 7).findFirst(), GithubPreviewsIT::diagnostics);
        assertThat(comment.body()).contains("pr-7--weather", "/mcp", sha.substring(0, 7));

        String previews = cli.ok(anywhere, "previews", "-a", APP);
        assertThat(previews).contains("pr-7", "pr-7--weather", sha.substring(0, 7), "howdy");
        assertThat(cli.ok(anywhere, "apps", "list")).as("previews are not apps of their own in the list").doesNotContain("pr-7--weather");
        assertThat(github.refusedAuthorizations).isEmpty();
        assertThat(github.refusedClones()).isEmpty();
    }

    @Test
    @Order(3)
    void aNewCommitUpdatesThePreviewAndEditsTheSameComment() throws Exception {
        String sha = commitGreeting("Hi there");
        git.ok(work, "push", "-q", "-f", bare(), "HEAD:refs/heads/howdy", "HEAD:refs/pull/7/head");
        String delivery = UUID.randomUUID().toString();
        assertThat(deliver("pull_request", delivery, prPayload("synchronize", 7, sha)).statusCode()).isEqualTo(202);
        McpApp.awaitGreeting(platform.routerUrl(), "pr-7--" + APP, "Ada", "Hi there, Ada!", DEPLOY, GithubPreviewsIT::diagnostics);
        Polling.await("the comment edited for " + sha, Duration.ofSeconds(30), () -> github.comments().stream()
                .filter(c -> c.issue() == 7 && c.body().contains(sha.substring(0, 7))).findFirst(), GithubPreviewsIT::diagnostics);
        assertThat(github.comments()).filteredOn(c -> c.issue() == 7).hasSize(1).first()
                .satisfies(c -> assertThat(c.edits()).isGreaterThanOrEqualTo(1));

        String builds = cli.ok(anywhere, "builds", "-a", "pr-7--" + APP);
        HttpResponse<String> replay = deliver("pull_request", delivery, prPayload("synchronize", 7, sha));
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replay.body()).path("status").asText()).isEqualTo("duplicate");
        assertThat(cli.ok(anywhere, "builds", "-a", "pr-7--" + APP)).as("a replay builds nothing").isEqualTo(builds);
        assertThat(McpApp.greetOnce(platform.routerUrl(), APP, "Ada")).isEqualTo("Hello, Ada!");
    }

    @Test
    @Order(4)
    void badSignaturesAndUnknownRepositoriesChangeNothing() throws Exception {
        String payload = pushPayload("main", "f".repeat(40));
        HttpResponse<String> forged = post(payload, "push", UUID.randomUUID().toString(), sign("not the secret", payload));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("X-Hub-Signature-256").doesNotContain("Exception");
        HttpResponse<String> unknown = deliver("push", UUID.randomUUID().toString(),
                pushPayload("main", mainSha).replace(REPO, "someone/else"));
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("ignored", "no app is connected to someone/else");
        String deliveries = cli.ok(anywhere, "github", "deliveries", "-a", APP);
        assertThat(deliveries).contains("push", "pull_request.opened", "pull_request.synchronize", "done").doesNotContain("someone/else");
    }

    @Test
    @Order(5)
    void closingThePullRequestTakesThePreviewDown() throws Exception {
        String head = git.ok(work, "rev-parse", "HEAD").strip();
        assertThat(deliver("pull_request", UUID.randomUUID().toString(), prPayload("closed", 7, head)).statusCode()).isEqualTo(202);
        HttpClient http = HttpClient.newHttpClient();
        Polling.await("404 at the preview's address", Duration.ofSeconds(30), () -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(platform.routerUrl() + "/apps/pr-7--" + APP + "/mcp"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                        HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 404 ? Optional.of(r) : Optional.empty();
            } catch (Exception e) {
                return Optional.empty();
            }
        }, GithubPreviewsIT::diagnostics);
        Polling.await("the preview's instance stopped", Duration.ofSeconds(30), () -> platform.processesRunning("node").size()
                <= nodesWithProductionOnly ? Optional.of(true) : Optional.empty(), GithubPreviewsIT::diagnostics);
        assertThat(cli.ok(anywhere, "previews", "-a", APP)).contains("has no previews");
        Polling.await("the comment marked torn down", Duration.ofSeconds(30), () -> github.comments().stream()
                .filter(c -> c.issue() == 7 && c.body().contains("torn down")).findFirst(), GithubPreviewsIT::diagnostics);
        assertThat(github.comments()).filteredOn(c -> c.issue() == 7).hasSize(1);
        assertThat(McpApp.greetOnce(platform.routerUrl(), APP, "Ada")).isEqualTo("Hello, Ada!");
    }

    @Test
    @Order(6)
    void gitPushOfAnotherBranchMakesABranchPreviewAndEndsWithItsUrl() throws Exception {
        String token = cli.ok(anywhere, "tokens", "create", "branch-push").trim();
        String httpRemote = "http://127.0.0.1:" + platform.port("NEXTMCP_GIT_HTTP_PORT") + "/git/" + APP + ".git";
        git.ok(work, "checkout", "-q", "-b", "Feature/Shout");
        commitGreeting("HELLO");
        GitUser.Result push = git.git(work, "-c", "http.extraHeader=Authorization: Bearer " + token, "push", httpRemote,
                "Feature/Shout");
        assertThat(push.exitCode()).as(push + diagnostics()).isZero();
        assertThat(push.output()).contains("remote: -----> Previews are on: Feature/Shout deploys as feature-shout--weather")
                .contains("remote: -----> Released v1 — http://feature-shout--weather.localhost:");
        assertThat(McpApp.greetOnce(platform.routerUrl(), "feature-shout--" + APP, "Ada")).isEqualTo("HELLO, Ada!");
        assertThat(McpApp.greetOnce(platform.routerUrl(), APP, "Ada")).isEqualTo("Hello, Ada!");
        assertThat(cli.ok(anywhere, "previews", "-a", APP)).contains("feature-shout", "Feature/Shout");
    }

    /** The key as GitHub hands it out for an App: PKCS#1 PEM. */
    private static Path privateKeyPem(PrivateKey key) throws Exception {
        byte[] pkcs1 = PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        return Files.writeString(tmp.resolve("github-app.pem"), "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----\n");
    }

    private static String commitGreeting(String greeting) throws Exception {
        Path server = work.resolve("server.js");
        String js = Files.readString(server).replaceAll("\\?\\? '[^']*'", "?? '" + greeting + "'");
        Files.writeString(server, js);
        git.ok(work, "commit", "-q", "-am", "Greet with " + greeting);
        return git.ok(work, "rev-parse", "HEAD").strip();
    }

    private static String bare() {
        return tmp.resolve("github-repos").resolve(REPO + ".git").toString();
    }

    private static String repository() {
        return "{\"id\":4242,\"name\":\"weather\",\"full_name\":\"" + REPO + "\",\"private\":false,\"default_branch\":\"main\","
                + "\"clone_url\":\"https://attacker.example/evil.git\",\"owner\":{\"login\":\"octo-org\"}}";
    }

    private static String pushPayload(String branch, String sha) {
        return "{\"ref\":\"refs/heads/" + branch + "\",\"before\":\"0000000000000000000000000000000000000000\",\"after\":\"" + sha
                + "\",\"created\":false,\"deleted\":false,\"forced\":false,\"commits\":[],\"head_commit\":{\"id\":\"" + sha + "\"},"
                + "\"repository\":" + repository() + ",\"pusher\":{\"name\":\"gina\"},\"sender\":{\"login\":\"gina\"}}";
    }

    private static String prPayload(String action, int number, String sha) {
        return "{\"action\":\"" + action + "\",\"number\":" + number + ",\"pull_request\":{\"id\":279147437,\"number\":" + number
                + ",\"state\":\"" + ("closed".equals(action) ? "closed" : "open") + "\",\"title\":\"Howdy\",\"merged\":false,"
                + "\"head\":{\"label\":\"octo-org:howdy\",\"ref\":\"howdy\",\"sha\":\"" + sha + "\"},"
                + "\"base\":{\"label\":\"octo-org:main\",\"ref\":\"main\",\"sha\":\"" + mainSha + "\"}},"
                + "\"repository\":" + repository() + ",\"sender\":{\"login\":\"gina\"}}";
    }

    private static HttpResponse<String> deliver(String event, String id, String payload) throws Exception {
        return post(payload, event, id, sign(SECRET, payload));
    }

    private static HttpResponse<String> post(String payload, String event, String id, String signature) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.apiUrl() + "/api/v1/github/webhook"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", event).header("X-GitHub-Delivery", id)
                .header("X-Hub-Signature-256", signature).header("User-Agent", "GitHub-Hookshot/test")
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static String diagnostics() {
        String log = platform.logText();
        return "GitHub saw: statuses " + github.statuses() + ", deployments " + github.deployments() + ", comments "
                + github.comments() + ", refused " + github.refusedAuthorizations + ", refused clones " + github.refusedClones()
                + ", clone challenges " + github.challenges() + "\n--- platform log (tail) ---\n"
                + log.substring(Math.max(0, log.length() - 8000));
    }
}
