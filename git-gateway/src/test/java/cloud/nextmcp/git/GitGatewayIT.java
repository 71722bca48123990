package cloud.nextmcp.git;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.accounts.ApiTokenDao;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.accounts.UserDao;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.keys.SshKeyDao;
import cloud.nextmcp.core.keys.SshPublicKey;
import cloud.nextmcp.core.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Real git, OpenSSH and HTTP clients against the gateway on ephemeral ports and a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitGatewayIT {
    private static final long MAX_PACK = 1024 * 1024;

    private Path tmp;

    private Jdbi jdbi;
    private EventBus events;
    private DataDirectory data;
    private GitGateway gateway;
    private TestWorker worker;
    private User alice;
    private App weather;
    private String aliceToken;
    private String viewerToken;
    private GitCli alicesGit;
    private GitCli viewersGit;
    private GitCli strangersGit;
    private GitCli unknownKeyGit;
    private String knownHosts;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        var db = TestPostgres.newDatabase();
        jdbi = db.jdbi();
        events = new EventBus(jdbi, db.connectionInfo());
        data = new DataDirectory(tmp.resolve("data"));
        PublicEndpoints endpoints = new PublicEndpoints("http://localhost:8000", "127.0.0.1", 0,
                "http://127.0.0.1", "apps.test", "http://localhost:8080");
        GitGatewayConfig config = new GitGatewayConfig("127.0.0.1", 0, 0, MAX_PACK, null, Duration.ofMinutes(2),
                null, null, null);
        gateway = new GitGateway(config, jdbi, events, data, endpoints,
                new Entitlements(BillingConfig.disabled(), Clock.systemUTC()));
        gateway.start();
        worker = new TestWorker(jdbi, events);

        TeamDao teams = jdbi.onDemand(TeamDao.class);
        UserDao users = jdbi.onDemand(UserDao.class);
        long team = teams.insert("forecasters", false).id();
        long otherTeam = teams.insert("others", false).id();
        alice = users.insert("alice@example.com", "alice", "x");
        User victor = users.insert("victor@example.com", "victor", "x");
        User mallory = users.insert("mallory@example.com", "mallory", "x");
        teams.addMember(team, alice.id(), "member");
        teams.addMember(team, victor.id(), "viewer");
        teams.addMember(otherTeam, mallory.id(), "owner");
        weather = jdbi.onDemand(AppDao.class).insert("weather", team, alice.id());

        Files.writeString(tmp.resolve("known_hosts"), "[127.0.0.1]:" + gateway.sshPort() + " " + gateway.hostPublicKey() + "\n");
        knownHosts = tmp.resolve("known_hosts").toString();
        alicesGit = gitFor("alice", alice);
        viewersGit = gitFor("victor", victor);
        strangersGit = gitFor("mallory", mallory);
        unknownKeyGit = gitFor("nobody", null);
        aliceToken = token(alice);
        viewerToken = token(victor);
    }

    @AfterAll
    void stop() throws Exception {
        worker.close();
        gateway.close();
        events.close();
    }

    private GitCli gitFor(String name, User owner) throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home-" + name));
        Path key = home.resolve("id_ed25519");
        GitCli plain = new GitCli(home, Map.of());
        plain.run(home, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString()).ok();
        if (owner != null) {
            SshPublicKey pub = SshPublicKey.parse(Files.readString(Path.of(key + ".pub")));
            jdbi.onDemand(SshKeyDao.class).insert(owner.id(), pub.type(), pub.bits(), pub.base64(), pub.fingerprint(), pub.comment());
        }
        return plain.with("GIT_SSH_COMMAND", sshCommand(key));
    }

    private String sshCommand(Path key) {
        return "ssh -i " + key + " -o IdentitiesOnly=yes -o UserKnownHostsFile=" + knownHosts
                + " -o StrictHostKeyChecking=yes -o BatchMode=yes -p " + gateway.sshPort();
    }

    private String token(User user) {
        String token = new Secrets(new SecureRandom()).newApiToken();
        jdbi.onDemand(ApiTokenDao.class).insert(user.id(), "git", Secrets.hash(token), Secrets.displayPrefix(token), null);
        return token;
    }

    private String sshUrl(String repo) {
        return "ssh://git@127.0.0.1:" + gateway.sshPort() + "/" + repo;
    }

    private String httpUrl(String token, String repo) {
        return "http://x:" + token + "@127.0.0.1:" + gateway.httpPort() + "/git/" + repo;
    }

    /** A fresh local repository with one commit of {@code file}. */
    private Path workTree(String name, String file, byte[] content) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        alicesGit.run(dir, "git", "init", "-q", "-b", "main").ok();
        Files.write(dir.resolve(file), content);
        alicesGit.run(dir, "git", "add", ".").ok();
        alicesGit.run(dir, "git", "commit", "-q", "-m", "commit " + name).ok();
        return dir;
    }

    private String commit(Path dir, String file, String content) throws Exception {
        Files.writeString(dir.resolve(file), content);
        alicesGit.run(dir, "git", "add", ".").ok();
        alicesGit.run(dir, "git", "commit", "-q", "-m", "change " + file).ok();
        return head(dir);
    }

    private String head(Path dir) throws Exception {
        return alicesGit.run(dir, "git", "rev-parse", "HEAD").ok().out().strip();
    }

    private ObjectId serverRef(App app, String ref) throws Exception {
        if (!Files.exists(data.repository(app.id()))) {
            return null;
        }
        try (Repository repo = new FileRepositoryBuilder().setGitDir(data.repository(app.id()).toFile()).setMustExist(true).build()) {
            return repo.resolve(ref);
        }
    }

    private int buildCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM builds").mapTo(Integer.class).one());
    }

    private String deployedMain() throws Exception {
        ObjectId id = serverRef(weather, "refs/heads/main");
        return id == null ? null : id.name();
    }

    /** Pushes a first commit of weather over SSH so later tests start from a deployed main. */
    private synchronized String ensureDeployed() throws Exception {
        if (deployedMain() == null) {
            Path dir = workTree("seed", "app.js", "seed".getBytes());
            worker.next(TestWorker.Script.succeed(1));
            alicesGit.run(dir, "git", "push", sshUrl("weather.git"), "main").ok();
        }
        return deployedMain();
    }

    private Path cloneOfWeather(String name) throws Exception {
        ensureDeployed();
        alicesGit.run(tmp, "git", "clone", "-q", sshUrl("weather.git"), name).ok();
        return tmp.resolve(name);
    }

    @Test
    void pushOverSshStreamsTheBuildAsRemoteLinesAndDeploys() throws Exception {
        Path dir = cloneOfWeather("ssh-push");
        String sha = commit(dir, "server.js", "console.log('hi')");
        worker.next(TestWorker.Script.succeed(3, "-----> Node.js app detected", "       Installing dependencies", "-----> Launching..."));

        GitCli.Result push = alicesGit.run(dir, "git", "push", "origin", "main").ok();

        Build build = jdbi.onDemand(BuildDao.class).recent(weather.id(), 1).get(0);
        assertThat(push.remoteLines()).containsExactly(
                "remote: -----> Building weather at " + sha.substring(0, 7) + " (build " + build.id() + ")",
                "remote: -----> Node.js app detected",
                "remote:        Installing dependencies",
                "remote: -----> Launching...",
                "remote: -----> Released v3 — http://weather.apps.test:8080/");
        assertThat(build.commitSha()).isEqualTo(sha);
        assertThat(build.pusherId()).isEqualTo(alice.id());
        assertThat(build.ref()).isEqualTo("refs/heads/main");
        assertThat(deployedMain()).isEqualTo(sha);
    }

    @Test
    void failedBuildRejectsThePushAndTheRefDoesNotMove() throws Exception {
        Path dir = cloneOfWeather("ssh-fail");
        String before = deployedMain();
        commit(dir, "broken.js", "syntax error(");
        worker.next(TestWorker.Script.fail("npm ERR! missing script: start", "-----> Node.js app detected", "npm ERR! missing script: start"));

        GitCli.Result push = alicesGit.run(dir, "git", "push", "origin", "main").failed();

        assertThat(push.remoteLines()).contains("remote: -----> Node.js app detected", "remote: npm ERR! missing script: start");
        assertThat(push.err()).contains("! [remote rejected] main -> main (build failed: npm ERR! missing script: start)");
        assertThat(deployedMain()).isEqualTo(before);
    }

    @Test
    void pushAndCloneOverHttpWithATokenAsBasicPasswordOrBearer() throws Exception {
        ensureDeployed();
        Path dir = tmp.resolve("http-clone");
        alicesGit.run(tmp, "git", "clone", "-q", httpUrl(aliceToken, "weather.git"), "http-clone").ok();
        String sha = commit(dir, "http.js", "over http");
        worker.next(TestWorker.Script.succeed(7, "-----> built over http"));

        GitCli.Result push = alicesGit.run(dir, "git", "push", "origin", "main").ok();

        assertThat(push.remoteLines()).endsWith("remote: -----> built over http", "remote: -----> Released v7 — http://weather.apps.test:8080/");
        assertThat(deployedMain()).isEqualTo(sha);

        GitCli.Result bearer = alicesGit.run(tmp, "git", "-c", "http.extraHeader=Authorization: Bearer " + aliceToken,
                "ls-remote", "http://127.0.0.1:" + gateway.httpPort() + "/git/weather.git", "refs/heads/main").ok();
        assertThat(bearer.out()).startsWith(sha);

        GitCli.Result badToken = alicesGit.run(tmp, "git", "ls-remote", httpUrl("nmcp_wrong", "weather.git")).failed();
        assertThat(badToken.err()).contains("invalid, expired or revoked API token");
    }

    @Test
    void viewerMayCloneButNotPushOverBothTransports() throws Exception {
        String before = ensureDeployed();
        viewersGit.run(tmp, "git", "clone", "-q", sshUrl("weather.git"), "viewer-clone").ok();
        Path dir = tmp.resolve("viewer-clone");
        assertThat(head(dir)).isEqualTo(before);
        commit(dir, "viewer.txt", "not allowed");
        int builds = buildCount();

        GitCli.Result ssh = viewersGit.run(dir, "git", "push", "origin", "main").failed();
        assertThat(ssh.err()).contains("ERROR: you have read-only access to weather (role viewer); pushing needs the member role or higher");

        GitCli.Result http = viewersGit.run(dir, "git", "push", httpUrl(viewerToken, "weather.git"), "main").failed();
        assertThat(http.err()).contains("remote: you have read-only access to weather (role viewer)");
        viewersGit.run(tmp, "git", "ls-remote", httpUrl(viewerToken, "weather.git")).ok();

        assertThat(deployedMain()).isEqualTo(before);
        assertThat(buildCount()).isEqualTo(builds);
    }

    @Test
    void anUnknownKeyIsDeniedAndAStrangerSeesRepositoryNotFound() throws Exception {
        ensureDeployed();
        GitCli.Result unknown = unknownKeyGit.run(tmp, "git", "ls-remote", sshUrl("weather.git")).failed();
        assertThat(unknown.err()).contains("Permission denied (publickey)");

        GitCli.Result stranger = strangersGit.run(tmp, "git", "ls-remote", sshUrl("weather.git")).failed();
        GitCli.Result missing = strangersGit.run(tmp, "git", "ls-remote", sshUrl("no-such-app.git")).failed();
        assertThat(stranger.err()).contains("ERROR: repository not found").isEqualTo(missing.err());

        GitCli.Result push = strangersGit.run(tmp.resolve("seed"), "git", "push", sshUrl("weather"), "HEAD:main").failed();
        assertThat(push.err()).contains("ERROR: repository not found");
    }

    @Test
    void crookedRepositoryNamesAndCommandsAreRefused() throws Exception {
        Path key = tmp.resolve("home-alice/id_ed25519");
        String[] ssh = {"ssh", "-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "UserKnownHostsFile=" + knownHosts,
            "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-p", Integer.toString(gateway.sshPort()), "git@127.0.0.1"};
        for (String name : List.of("../weather.git", "/etc/passwd", "--upload-pack=touch /tmp/pwned", "-weather",
                "weather/../weather.git", "~/weather.git", "WEATHER.git")) {
            GitCli.Result r = alicesGit.run(tmp, concat(ssh, "git-upload-pack '" + name + "'")).failed();
            assertThat(r.err()).as(name).isEqualTo("ERROR: repository not found\n");
        }
        for (String name : List.of("weather.git", "/weather.git", "weather")) {
            GitCli.Result r = alicesGit.runWithInput(tmp, "0000", concat(ssh, "git-upload-pack '" + name + "'")).ok();
            assertThat(r.out()).as(name).contains("agent=JGit");
        }

        GitCli.Result shell = alicesGit.run(tmp, concat(ssh, "-T")).failed();
        assertThat(shell.exit()).isEqualTo(1);
        assertThat(shell.err()).contains("Hi alice! You've authenticated, but NextMCP does not provide shell access.");

        GitCli.Result exec = alicesGit.run(tmp, concat(ssh, "ls -la /")).failed();
        assertThat(exec.err()).contains("ERROR: only git-upload-pack '<app>.git' and git-receive-pack '<app>.git' run here");
        assertThat(exec.out()).isEmpty();
        GitCli.Result unquoted = alicesGit.run(tmp, concat(ssh, "git-upload-pack weather.git; id")).failed();
        assertThat(unquoted.out()).isEmpty();

        GitCli.Result sftp = alicesGit.runWithInput(tmp, "ls\n", "sftp", "-i", key.toString(), "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-P", Integer.toString(gateway.sshPort()), "-b", "-",
                "git@127.0.0.1").failed();
        assertThat(sftp.err()).contains("subsystem request failed");

        GitCli.Result forward = alicesGit.run(tmp, concat(ssh, "-o", "ExitOnForwardFailure=yes", "-N", "-R", "0:127.0.0.1:22")).failed();
        assertThat(forward.err()).contains("remote port forwarding failed");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void aTreeWithADotGitEntryIsRefusedByFsck() throws Exception {
        Path dir = cloneOfWeather("evil");
        String blob = alicesGit.runWithInput(dir, "[core]\n\tfsmonitor = touch /tmp/pwned\n", "git", "hash-object", "-w", "--stdin").ok().out().strip();
        String inner = alicesGit.runWithInput(dir, "100644 blob " + blob + "\tconfig\n", "git", "mktree").ok().out().strip();
        String root = alicesGit.runWithInput(dir, "040000 tree " + inner + "\t.git\n", "git", "mktree").ok().out().strip();
        String commit = alicesGit.run(dir, "git", "commit-tree", root, "-p", "HEAD", "-m", "evil").ok().out().strip();
        int builds = buildCount();

        GitCli.Result push = alicesGit.run(dir, "git", "push", "origin", commit + ":refs/heads/evil").failed();

        assertThat(push.err()).contains("unpack").contains(".git");
        assertThat(serverRef(weather, "refs/heads/evil")).isNull();
        assertThat(buildCount()).isEqualTo(builds);
    }

    @Test
    void aPackOverTheSizeLimitIsRefused() throws Exception {
        Path dir = cloneOfWeather("big");
        byte[] random = new byte[(int) (MAX_PACK * 3 / 2)];
        new Random(7).nextBytes(random);
        Files.write(dir.resolve("big.bin"), random);
        alicesGit.run(dir, "git", "add", ".").ok();
        alicesGit.run(dir, "git", "commit", "-q", "-m", "big").ok();

        GitCli.Result push = alicesGit.run(dir, "git", "push", "origin", "HEAD:refs/heads/big").failed();

        assertThat(push.err()).contains("Pack exceeds the limit of 1,048,576 bytes");
        assertThat(serverRef(weather, "refs/heads/big")).isNull();
    }

    @Test
    void theDeployBranchCannotBeDeletedAndOtherBranchesAreStoredWithoutABuild() throws Exception {
        Path dir = cloneOfWeather("branches");
        String before = deployedMain();
        int builds = buildCount();

        GitCli.Result delete = alicesGit.run(dir, "git", "push", "origin", ":main").failed();
        assertThat(delete.err()).contains("! [remote rejected] main (the deploy branch main of weather cannot be deleted)");
        assertThat(deployedMain()).isEqualTo(before);

        String sha = commit(dir, "feature.js", "feature");
        GitCli.Result feature = alicesGit.run(dir, "git", "push", "origin", "HEAD:refs/heads/feature").ok();
        assertThat(feature.remoteLines()).containsExactly("remote: -----> feature stored; only pushes to main deploy weather");
        assertThat(serverRef(weather, "refs/heads/feature").name()).isEqualTo(sha);
        assertThat(buildCount()).isEqualTo(builds);
    }

    @Test
    void aSecondConcurrentPushToTheSameAppIsRejected() throws Exception {
        Path first = cloneOfWeather("concurrent-1");
        Path second = cloneOfWeather("concurrent-2");
        String firstSha = commit(first, "one.js", "one");
        commit(second, "two.js", "two");
        CountDownLatch release = new CountDownLatch(1);
        worker.next(TestWorker.Script.succeed(9, "-----> first build running").holdUntil(release));
        int builds = buildCount();

        CompletableFuture<GitCli.Result> firstPush = alicesGit.start(first, "git", "push", "origin", "main");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (buildCount() == builds && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(buildCount()).as("the first push queued its build").isEqualTo(builds + 1);

        GitCli.Result secondPush = alicesGit.run(second, "git", "push", "-f", "origin", "main").failed();
        assertThat(secondPush.err()).contains("! [remote rejected] main -> main (another push to weather is in progress)");
        release.countDown();

        assertThat(firstPush.get(120, TimeUnit.SECONDS).ok().remoteLines())
                .endsWith("remote: -----> Released v9 — http://weather.apps.test:8080/");
        assertThat(deployedMain()).isEqualTo(firstSha);
        assertThat(buildCount()).isEqualTo(builds + 1);
    }

    /** Packs of 55–100 KiB made JGit pushes stall elsewhere (eclipse-jgit #286); both transports must finish. */
    @Test
    void packsOfAbout80KiBGoThroughOverSshAndHttp() throws Exception {
        Path dir = cloneOfWeather("mid-size");
        for (String transport : List.of("ssh", "http")) {
            byte[] random = new byte[80 * 1024];
            new Random(transport.hashCode()).nextBytes(random);
            Files.write(dir.resolve(transport + ".bin"), random);
            Files.writeString(dir.resolve(transport + ".txt"), "text ".repeat(4000));
            alicesGit.run(dir, "git", "add", ".").ok();
            alicesGit.run(dir, "git", "commit", "-q", "-m", transport).ok();
            String url = transport.equals("ssh") ? sshUrl("weather.git") : httpUrl(aliceToken, "weather.git");
            alicesGit.run(dir, "git", "push", url, "HEAD:refs/heads/mid-" + transport).ok();
            assertThat(serverRef(weather, "refs/heads/mid-" + transport).name()).isEqualTo(head(dir));
        }
        alicesGit.run(tmp, "git", "clone", "-q", "-b", "mid-http", httpUrl(aliceToken, "weather.git"), "mid-clone").ok();
        assertThat(Files.size(tmp.resolve("mid-clone/http.bin"))).isEqualTo(80 * 1024);
    }

    @Test
    void aRepositoryIsMadeOnFirstAccessAndRemovedWhenItsAppIsDestroyed() throws Exception {
        long team = jdbi.onDemand(TeamDao.class).findByName("forecasters").orElseThrow().id();
        App temp = jdbi.onDemand(AppDao.class).insert("short-lived", team, alice.id());
        Path repo = data.repository(temp.id());
        assertThat(repo).doesNotExist();

        alicesGit.run(tmp, "git", "ls-remote", sshUrl("short-lived.git")).ok();
        assertThat(repo.resolve("HEAD")).hasContent("ref: refs/heads/main");

        jdbi.onDemand(AppDao.class).delete(temp.id());
        events.publish(Channels.APPS, Long.toString(temp.id()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.exists(repo) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(repo).doesNotExist();
    }

    @Test
    void aPusherWhoDisconnectsDoesNotStopTheBuildAndItsResultStands() throws Exception {
        Path dir = cloneOfWeather("gone");
        String sha = commit(dir, "gone.js", "gone");
        CountDownLatch release = new CountDownLatch(1);
        worker.next(TestWorker.Script.succeed(11, "-----> a long build").holdUntil(release));
        int builds = buildCount();

        Process push = alicesGit.spawn(dir, "git", "push", "origin", "main");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (buildCount() == builds && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(buildCount()).as("the push queued its build").isEqualTo(builds + 1);
        push.descendants().forEach(ProcessHandle::destroyForcibly);
        push.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        release.countDown();

        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!sha.equals(deployedMain()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(deployedMain()).isEqualTo(sha);
        Build build = jdbi.onDemand(BuildDao.class).recent(weather.id(), 1).get(0);
        assertThat(build.commitSha()).isEqualTo(sha);
        assertThat(build.releaseVersion()).isEqualTo(11);
    }
}
