package cloud.nextmcp.git;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.releases.ReleaseDao;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What a push may leave in a repository: only accepted objects, within the tree and size limits. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushIntegrityIT {
    private static final long MIB = 1024 * 1024;

    private TestGateway t;
    private User alice;
    private App weather;
    private TestGateway.Client alices;
    private String aliceToken;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        t = new TestGateway(dir, new GitGatewayConfig("127.0.0.1", 0, 0, MIB, null, Duration.ofMinutes(2),
                null, null, 2 * MIB));
        alice = t.member("alice", "member");
        weather = t.app("weather", alice);
        alices = t.client("alice", alice);
        aliceToken = t.token(alice);
    }

    @AfterAll
    void stop() throws Exception {
        t.close();
    }

    private GitCli git() {
        return alices.git();
    }

    /** Deploys a first commit of weather once, so tests start from a deployed main; returns a clone. */
    private synchronized Path cloneOfWeather(String name) throws Exception {
        if (t.serverRef(weather, "refs/heads/main") == null) {
            Path seed = t.workTree(git(), "seed", "app.js", "seed".getBytes());
            t.worker.next(TestWorker.Script.succeed(1));
            git().run(seed, "git", "push", t.sshUrl("weather.git"), "main").ok();
        }
        git().run(t.tmp, "git", "clone", "-q", t.sshUrl("weather.git"), name).ok();
        return t.tmp.resolve(name);
    }

    /**
     * Sends {@code git-receive-pack} a raw update of {@code ref} to {@code sha} with an empty
     * pack, as a client that knows the id of an object it never sent would.
     */
    private GitCli.Result rawRefUpdate(String ref, String sha) throws Exception {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        String command = "0".repeat(40) + " " + sha + " " + ref + "\0report-status\n";
        in.write(String.format("%04x", command.length() + 4).getBytes(StandardCharsets.US_ASCII));
        in.write(command.getBytes(StandardCharsets.US_ASCII));
        in.write("0000".getBytes(StandardCharsets.US_ASCII));
        byte[] header = {'P', 'A', 'C', 'K', 0, 0, 0, 2, 0, 0, 0, 0};
        in.write(header);
        in.write(MessageDigest.getInstance("SHA-1").digest(header));
        Path stdin = Files.write(Files.createTempFile(t.tmp, "raw", ".bin"), in.toByteArray());
        List<String> ssh = new ArrayList<>(t.ssh(alices.key(), "git@127.0.0.1", "git-receive-pack 'weather.git'"));
        return git().runWithInputFile(t.tmp, stdin, ssh.toArray(String[]::new));
    }

    private boolean inRepository(String sha) throws Exception {
        try (Repository repo = t.serverRepository(weather)) {
            return repo.getObjectDatabase().has(ObjectId.fromString(sha));
        }
    }

    @Test
    void objectsRefusedByFsckCannotBeNamedByALaterRefUpdate() throws Exception {
        Path dir = cloneOfWeather("fsck");
        String sha = t.commit(git(), dir, ".gitmodules",
                "[submodule \"evil\"]\n\tpath = evil\n\turl = --upload-pack=touch /tmp/pwned\n".getBytes());

        GitCli.Result push = git().run(dir, "git", "push", "origin", "HEAD:refs/heads/evil").failed();
        assertThat(push.err()).contains("unpack");
        assertThat(inRepository(sha)).isFalse();

        GitCli.Result raw = rawRefUpdate("refs/heads/sneaky", sha);
        assertThat(raw.out()).contains("ng refs/heads/sneaky");
        assertThat(t.serverRef(weather, "refs/heads/sneaky")).isNull();
        assertThat(t.leftovers(weather)).isEmpty();
    }

    @Test
    void anUnreachableObjectAlreadyInTheRepositoryCannotBeMadeABranch() throws Exception {
        cloneOfWeather("unreachable");
        String sha;
        // As an older gateway left the objects of rejected pushes: in the repository, reached by no ref.
        try (Repository repo = t.serverRepository(weather); ObjectInserter inserter = repo.newObjectInserter()) {
            TreeFormatter tree = new TreeFormatter();
            tree.append("left.txt", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, "left over".getBytes()));
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(tree));
            commit.setAuthor(new PersonIdent("t", "t@example.com"));
            commit.setCommitter(new PersonIdent("t", "t@example.com"));
            commit.setMessage("left over");
            sha = inserter.insert(commit).name();
            inserter.flush();
        }

        GitCli.Result raw = rawRefUpdate("refs/heads/revived", sha);

        assertThat(raw.out()).contains("ng refs/heads/revived");
        assertThat(t.serverRef(weather, "refs/heads/revived")).isNull();
    }

    @Test
    void theObjectsOfAPushWhoseBuildFailedAreNotKept() throws Exception {
        Path dir = cloneOfWeather("failed-build");
        String sha = t.commit(git(), dir, "broken.js", "syntax error(".getBytes());
        t.worker.next(TestWorker.Script.fail("npm ERR! missing script: start"));

        GitCli.Result push = git().run(dir, "git", "push", "origin", "main").failed();

        assertThat(push.err()).contains("build failed: npm ERR! missing script: start");
        Build build = t.jdbi.onDemand(BuildDao.class).recent(weather.id(), 1).get(0);
        assertThat(build.commitSha()).isEqualTo(sha);
        assertThat(build.pushQuarantine()).as("the builder was told where the pushed objects wait").contains("incoming-");
        assertThat(inRepository(sha)).isFalse();
        assertThat(Path.of(build.pushQuarantine())).doesNotExist();
        GitCli.Result raw = rawRefUpdate("refs/heads/after-failed-build", sha);
        assertThat(raw.out()).contains("ng refs/heads/after-failed-build");
        assertThat(t.leftovers(weather)).isEmpty();
    }

    @Test
    void acceptedPushesOverSshAndHttpMoveTheirObjectsIn() throws Exception {
        Path dir = cloneOfWeather("accepted");
        String overSsh = t.commit(git(), dir, "ssh.js", "ssh".getBytes());
        t.worker.next(TestWorker.Script.succeed(2));
        git().run(dir, "git", "push", "origin", "main").ok();
        assertThat(t.serverRef(weather, "refs/heads/main").name()).isEqualTo(overSsh);

        String overHttp = t.commit(git(), dir, "http.js", "http".getBytes());
        t.worker.next(TestWorker.Script.succeed(3));
        git().run(dir, "git", "push", t.httpUrl(aliceToken, "weather.git"), "main").ok();
        assertThat(t.serverRef(weather, "refs/heads/main").name()).isEqualTo(overHttp);

        assertThat(inRepository(overSsh)).isTrue();
        assertThat(inRepository(overHttp)).isTrue();
        assertThat(t.leftovers(weather)).isEmpty();
        git().run(t.tmp, "git", "clone", "-q", t.httpUrl(aliceToken, "weather.git"), "accepted-clone").ok();
        assertThat(t.tmp.resolve("accepted-clone/http.js")).hasContent("http");
    }

    @Test
    void deepTreesAndLongPathsAreRefusedWithTheirLimit() throws Exception {
        Path dir = cloneOfWeather("deep");
        String blob = git().runWithInput(dir, "deep\n", "git", "hash-object", "-w", "--stdin").ok().out().strip();
        String tree = git().runWithInput(dir, "100644 blob " + blob + "\tf\n", "git", "mktree").ok().out().strip();
        for (int i = 0; i < 100; i++) {
            tree = git().runWithInput(dir, "040000 tree " + tree + "\td\n", "git", "mktree").ok().out().strip();
        }
        String deep = git().run(dir, "git", "commit-tree", tree, "-p", "HEAD", "-m", "deep").ok().out().strip();
        String longTree = git().runWithInput(dir, "100644 blob " + blob + "\tf\n", "git", "mktree").ok().out().strip();
        for (int i = 0; i < 5; i++) {
            longTree = git().runWithInput(dir, "040000 tree " + longTree + "\t" + "n".repeat(250) + "\n", "git", "mktree")
                    .ok().out().strip();
        }
        String longPath = git().run(dir, "git", "commit-tree", longTree, "-p", "HEAD", "-m", "long").ok().out().strip();
        int builds = t.buildCount();

        GitCli.Result pushDeep = git().run(dir, "git", "push", "origin", deep + ":refs/heads/main").failed();
        assertThat(pushDeep.err()).contains("refused: a path more than 64 levels deep").doesNotContain(t.tmp.toString());
        GitCli.Result pushLong = git().run(dir, "git", "push", "origin", longPath + ":refs/heads/long").failed();
        assertThat(pushLong.err()).contains("refused: a path of 1254 bytes").contains("the limit is 1024 bytes");

        assertThat(t.buildCount()).isEqualTo(builds);
        assertThat(inRepository(deep)).isFalse();
        assertThat(t.serverRef(weather, "refs/heads/long")).isNull();
    }

    @Test
    void pushingTheCommitTheLiveReleaseRunsIsANoOp() throws Exception {
        Path dir = cloneOfWeather("already");
        String sha = t.serverRef(weather, "refs/heads/main").name();
        Build build = t.jdbi.onDemand(BuildDao.class).recent(weather.id(), 10).stream()
                .filter(b -> b.commitSha().equals(sha)).findFirst().orElseThrow();
        int version = t.jdbi.inTransaction(h -> {
            ReleaseDao releases = h.attach(ReleaseDao.class);
            int v = releases.create(weather.id(), build.id(), "a".repeat(64), new byte[0], "test", alice.id()).version();
            releases.markLive(weather.id(), v);
            return v;
        });
        int builds = t.buildCount();

        GitCli.Result push = git().run(dir, "git", "push", "origin", "HEAD:refs/heads/master").ok();

        assertThat(push.remoteLines()).containsExactly(
                "remote: -----> weather already runs " + sha.substring(0, 7) + " (v" + version + "): nothing to deploy");
        assertThat(t.serverRef(weather, "refs/heads/master").name()).isEqualTo(sha);
        assertThat(t.buildCount()).isEqualTo(builds);
    }

    @Test
    void aPushThatWouldTakeTheRepositoryOverItsLimitIsRefused() throws Exception {
        App bulky = t.app("bulky", alice);
        Path dir = t.workTree(git(), "bulky", "README", "bulky".getBytes());
        Random random = new Random(3);
        for (int i = 1; i <= 3; i++) {
            byte[] noise = new byte[(int) (MIB * 8 / 10)];
            random.nextBytes(noise);
            t.commit(git(), dir, "noise-" + i + ".bin", noise);
            GitCli.Result push = git().run(dir, "git", "push", t.sshUrl("bulky.git"), "HEAD:refs/heads/b" + i);
            if (i < 3) {
                push.ok();
            } else {
                assertThat(push.failed().err()).containsPattern("the repository of bulky would be 2\\.[0-9] MB, over the limit of 2 MB");
            }
        }
        assertThat(t.serverRef(bulky, "refs/heads/b2")).isNotNull();
        assertThat(t.serverRef(bulky, "refs/heads/b3")).isNull();
        assertThat(t.leftovers(bulky)).isEmpty();
    }
}
