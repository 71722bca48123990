package cloud.nextmcp.build.builds;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.artifacts.FileArtifactStore;
import cloud.nextmcp.build.releases.DeployException;
import cloud.nextmcp.build.releases.Deployer;
import cloud.nextmcp.build.sandbox.SandboxConfig;
import cloud.nextmcp.build.sandbox.Sandboxes;
import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.builds.BuildStatus;
import cloud.nextmcp.core.builds.PushLockKey;
import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildWorkerIT {
    private static final Map<String, String> PYTHON_APP = Map.of("requirements.txt", "# standard library only\n",
            "server.py", "print('serving')\n");

    @TempDir
    Path tmp;
    private Jdbi jdbi;
    private FinishedBuilds finished;
    private EventBus events;
    private DataDirectory data;
    private App app;
    private final List<Artifact> deployed = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> deployFailure = new AtomicReference<>();
    private BuildWorker worker;

    private final Deployer deployer = (app, build, artifact, log) -> {
        log.line("-----> deploying " + artifact.digest().substring(0, 12));
        if (deployFailure.get() != null) {
            throw new DeployException(deployFailure.get());
        }
        deployed.add(artifact);
        return deployed.size();
    };

    @BeforeEach
    void platform() {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        jdbi = db.jdbi();
        finished = new FinishedBuilds(jdbi, Duration.ofSeconds(90));
        events = new EventBus(jdbi, db.connectionInfo());
        data = new DataDirectory(tmp.resolve("data"));
        long team = jdbi.onDemand(TeamDao.class).insert("builders", false).id();
        app = jdbi.onDemand(AppDao.class).insert("weather", team, null);
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        events.close();
    }

    @Test
    void aPushedCommitIsBuiltInTheSandboxStoredAndReleasedWithItsOutputInTheLog() throws Exception {
        startWorker("node-a");
        String sha = push(PYTHON_APP);

        Build build = finished.await(enqueue(sha));

        assertThat(build.status()).as(build.error()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(build.releaseVersion()).isEqualTo(1);
        assertThat(build.buildpack()).isEqualTo("python");
        assertThat(deployed).hasSize(1);
        Artifact artifact = deployed.get(0);
        assertThat(build.artifact()).isEqualTo(artifact.digest());
        assertThat(artifact.directory()).isEqualTo(data.artifacts().resolve(artifact.digest()));
        assertThat(artifact.directory().resolve("server.py")).exists();
        assertThat(artifact.directory().resolve(".venv/bin/python")).exists();
        assertThat(artifact.directory().resolve(".git")).doesNotExist();
        assertThat(data.buildWorkspace(build.id())).doesNotExist();
        assertThat(finished.log(build)).contains("-----> python app detected")
                .anyMatch(l -> l.startsWith("-----> Start command: ") && l.endsWith("exec .venv/bin/python server.py"));
    }

    @Test
    void aCommitBuiltBeforeIsReleasedAgainWithoutBuilding() throws Exception {
        startWorker("node-a");
        String sha = push(PYTHON_APP);
        Build first = finished.await(enqueue(sha));
        Build again = finished.await(enqueue(sha));

        assertThat(again.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(again.artifact()).isEqualTo(first.artifact());
        assertThat(again.releaseVersion()).isEqualTo(2);
        assertThat(finished.log(again)).anyMatch(l -> l.endsWith("was built before: reusing its artifact"))
                .noneMatch(l -> l.contains("python app detected"));
    }

    @Test
    void aNextMcpProjectsNameAndDescriptionAreRecordedOnItsBuildAlsoWhenTheArtifactIsReused() throws Exception {
        startWorker("node-a");
        String nextmcp = push(Map.of("nextmcp.config.yaml", "name: blog-server\ndescription: A blog management MCP server\n",
                "server.py", "print('serving')\n"));
        Build first = finished.await(enqueue(nextmcp));
        Build again = finished.await(enqueue(nextmcp));
        Build plain = finished.await(enqueue(push(PYTHON_APP)));

        assertThat(List.of(first, again, plain)).extracting(Build::status).containsOnly(BuildStatus.SUCCEEDED);
        assertThat(again.artifact()).isEqualTo(first.artifact());
        assertThat(project(first)).containsExactly("blog-server", "A blog management MCP server");
        assertThat(project(again)).containsExactly("blog-server", "A blog management MCP server");
        assertThat(project(plain)).containsExactly(null, null);
    }

    private List<String> project(Build build) {
        return jdbi.withHandle(h -> h.createQuery("SELECT project_name, project_description FROM builds WHERE id = :id")
                .bind("id", build.id()).map((rs, ctx) -> Arrays.asList(rs.getString(1), rs.getString(2))).one());
    }

    @Test
    void aBuildThatCannotSucceedOrDeployFailsWithAMessageForThePusher() throws Exception {
        startWorker("node-a");
        Build undetected = finished.await(enqueue(push(Map.of("README.md", "# nothing to run"))));
        assertThat(undetected.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(undetected.error()).startsWith("no buildpack matched: looked for package.json (node)");

        deployFailure.set("web.1 did not become healthy within 60 s");
        Build unhealthy = finished.await(enqueue(push(PYTHON_APP)));
        assertThat(unhealthy.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(unhealthy.error()).isEqualTo("web.1 did not become healthy within 60 s");
        assertThat(deployed).isEmpty();
    }

    @Test
    void aBuildWhoseWorkerDiedIsTakenAgainAndOneThatKeepsKillingBuildersIsFailed() throws Exception {
        BuildDao builds = jdbi.onDemand(BuildDao.class);
        String sha = push(PYTHON_APP);
        Build orphan = enqueue(sha);
        Build doomed = enqueue(push(Map.of("requirements.txt", "", "main.py", "")));
        builds.claim("vanished-host/1", 60);
        builds.claim("vanished-host/2", 60);
        jdbi.useHandle(h -> h.execute("UPDATE builds SET attempts = 2 WHERE id = ?", doomed.id()));
        expireLease(orphan.id());
        expireLease(doomed.id());

        startWorker("node-b");
        Build retried = finished.await(orphan);
        assertThat(retried.status()).isEqualTo(BuildStatus.SUCCEEDED);
        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(finished.log(retried)).contains("-----> Retrying: the builder that had this build stopped (attempt 2)");

        Build failed = finished.await(doomed);
        assertThat(failed.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(failed.error()).isEqualTo("the builder stopped during this build 2 times; push again");
    }

    @Test
    void aRestartedBuilderTakesBackItsOwnInterruptedBuildWithoutWaitingForTheLease() throws Exception {
        Build interrupted = enqueue(push(PYTHON_APP));
        jdbi.onDemand(BuildDao.class).claim("node-a/1", 3600);

        startWorker("node-a");

        assertThat(finished.await(interrupted).status()).isEqualTo(BuildStatus.SUCCEEDED);
    }

    @Test
    void aBuildWhosePushNoLongerWaitsIsFailedAndNothingIsReleased() throws Exception {
        String sha = push(PYTHON_APP);
        startWorker("node-a");

        Build build = finished.await(enqueueForPush(sha, data.repository(app.id()).resolve("objects/incoming-gone")));

        assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(build.error()).isEqualTo("the push that started this build was interrupted (the platform restarted); push again");
        assertThat(finished.log(build)).contains("-----> Build failed: " + build.error());
        assertThat(deployed).isEmpty();
    }

    @Test
    void aBuildWhosePushWaitsIsExportedFromThePushQuarantineAndReleased() throws Exception {
        push(Map.of("README.md", "# the repository as it was"));
        Path pushed = tmp.resolve("pushed.git");
        String sha = TestRepos.commit(pushed, tmp, PYTHON_APP);
        try (Handle pushLock = jdbi.open()) {
            pushLock.createQuery("SELECT pg_try_advisory_lock(:ns, :key)").bind("ns", PushLockKey.NAMESPACE)
                    .bind("key", PushLockKey.key(app.id())).mapTo(Boolean.class).one();
            startWorker("node-a");

            Build build = finished.await(enqueueForPush(sha, pushed.resolve("objects")));

            assertThat(build.status()).as(build.error()).isEqualTo(BuildStatus.SUCCEEDED);
            assertThat(deployed).hasSize(1);
            assertThat(deployed.get(0).directory().resolve("server.py")).exists();
        }
    }

    @Test
    void anInternalErrorTellsTheUserWithoutTheExceptionOrHostPaths() throws Exception {
        push(PYTHON_APP);
        String sha = deepTreeCommit(3000);
        startWorker("node-a");

        Build build = finished.await(enqueue(sha));

        assertThat(build.status()).isEqualTo(BuildStatus.FAILED);
        assertThat(build.error()).isEqualTo("internal builder error; the operator's log has details");
        assertThat(finished.log(build)).contains("-----> Build failed: internal builder error; the operator's log has details (build "
                + build.id() + ")").noneMatch(l -> l.contains(tmp.toString()) || l.contains("Exception"));
    }

    /** A commit whose tree nests {@code depth} directories: no file system can check it out. */
    private String deepTreeCommit(int depth) throws Exception {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(data.repository(app.id()).toFile()).setMustExist(true).build();
             ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, "deep".getBytes(StandardCharsets.UTF_8));
            TreeFormatter leaf = new TreeFormatter();
            leaf.append("f", FileMode.REGULAR_FILE, blob);
            ObjectId tree = inserter.insert(leaf);
            for (int i = 0; i < depth; i++) {
                TreeFormatter parent = new TreeFormatter();
                parent.append("d", FileMode.TREE, tree);
                tree = inserter.insert(parent);
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setAuthor(new PersonIdent("t", "t@example.com"));
            commit.setCommitter(new PersonIdent("t", "t@example.com"));
            commit.setMessage("deep");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id.name();
        }
    }

    private void startWorker(String name) {
        BuilderConfig config = new BuilderConfig(name, 1, 30, 2, 300, 30, null, null, null, null);
        worker = new BuildWorker(config, jdbi, events, data, Sandboxes.detect(SandboxConfig.defaults(), data.sandbox()), new FileArtifactStore(data),
                deployer);
        worker.start();
    }

    private String push(Map<String, String> files) throws Exception {
        return TestRepos.commit(data.repository(app.id()), tmp, files);
    }

    /** What the git gateway does on a push: a queued row and a notification. */
    private Build enqueue(String sha) {
        Build build = jdbi.onDemand(BuildDao.class).enqueue(app.id(), sha, "refs/heads/main", null);
        events.publish(Channels.BUILDS, Long.toString(build.id()));
        return build;
    }

    /** A build a push waits for, its objects in {@code quarantine}. */
    private Build enqueueForPush(String sha, Path quarantine) {
        Build build = jdbi.onDemand(BuildDao.class).enqueue(app.id(), sha, "refs/heads/main", null, quarantine.toString());
        events.publish(Channels.BUILDS, Long.toString(build.id()));
        return build;
    }

    private void expireLease(long id) {
        jdbi.useHandle(h -> h.execute("UPDATE builds SET lease_expires_at = now() - interval '1 second' WHERE id = ?", id));
    }
}
