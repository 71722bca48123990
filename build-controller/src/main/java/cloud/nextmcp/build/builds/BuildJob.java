package cloud.nextmcp.build.builds;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.artifacts.FileTrees;
import cloud.nextmcp.build.artifacts.LaunchSpec;
import cloud.nextmcp.build.artifacts.WritableArtifactStore;
import cloud.nextmcp.build.buildpacks.BuildContext;
import cloud.nextmcp.build.buildpacks.Buildpacks;
import cloud.nextmcp.build.images.ImagePublisher;
import cloud.nextmcp.build.images.ImagePushException;
import cloud.nextmcp.build.releases.DeployException;
import cloud.nextmcp.build.releases.Deployer;
import cloud.nextmcp.build.sandbox.Sandbox;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one claimed build from commit to live release: export, build (or reuse the artifact of
 * an earlier successful build of the same commit), store the artifact, push the image when
 * configured, deploy, and record the outcome. The build row ends succeeded or failed unless the
 * build was taken from this worker (lease lost) or the builder is closing.
 */
final class BuildJob {
    private static final Logger LOG = LoggerFactory.getLogger(BuildJob.class);
    private static final List<String> PASSED_THROUGH = List.of("LANG", "TZ", "http_proxy", "https_proxy", "no_proxy",
            "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY");

    private final BuilderConfig config;
    private final Jdbi jdbi;
    private final EventBus events;
    private final DataDirectory data;
    private final Sandbox sandbox;
    private final WritableArtifactStore artifacts;
    private final Deployer deployer;
    private final Buildpacks buildpacks;
    private final Optional<ImagePublisher> images;
    private final ScheduledExecutorService scheduler;
    private final CommitExporter exporter = new CommitExporter();

    BuildJob(BuilderConfig config, Jdbi jdbi, EventBus events, DataDirectory data, Sandbox sandbox,
             WritableArtifactStore artifacts, Deployer deployer, Buildpacks buildpacks, Optional<ImagePublisher> images,
             ScheduledExecutorService scheduler) {
        this.config = config;
        this.jdbi = jdbi;
        this.events = events;
        this.data = data;
        this.sandbox = sandbox;
        this.artifacts = artifacts;
        this.deployer = deployer;
        this.buildpacks = buildpacks;
        this.images = images;
        this.scheduler = scheduler;
    }

    /** Runs the build; {@code onStart} receives the lease so the worker can cancel it on close. */
    void run(Build build, String worker, Consumer<BuildLease> onStart) {
        BuildDao builds = jdbi.onDemand(BuildDao.class);
        Optional<App> app = jdbi.onDemand(AppDao.class).findById(build.appId());
        if (app.isEmpty()) {
            finish(build, builds.fail(build.id(), "the app was deleted"));
            return;
        }
        BuildLog log = new DatabaseBuildLog(jdbi, build.appId(), build.id());
        if (build.attempts() > config.maxAttempts()) {
            log.line("-----> The builder stopped " + (build.attempts() - 1) + " times while building this commit");
            finish(build, builds.fail(build.id(), "the builder stopped during this build " + (build.attempts() - 1)
                    + " times; push again"));
            return;
        }
        if (build.attempts() > 1) {
            log.line("-----> Retrying: the builder that had this build stopped (attempt " + build.attempts() + ")");
        }
        Path workspace = data.buildWorkspace(build.id());
        WaitingPush push = new WaitingPush(jdbi);
        try (BuildLease lease = new BuildLease(build.id(), worker, builds, config.leaseSeconds(), scheduler)) {
            onStart.accept(lease);
            try {
                push.requireWaiting(build, app.get());
                Artifact artifact = artifact(app.get(), build, worker, workspace, log, lease);
                // The artifact is stored: the scratch space goes before the outcome is recorded, so a
                // finished build never still holds disk (or shows a workspace to whoever reads its outcome).
                deleteQuietly(workspace, build);
                lease.checkNotCancelled();
                if (images.isPresent()) {
                    String digest = images.get().publish(app.get().name(), "build-" + build.id(), artifact, log);
                    jdbi.onDemand(BuildRecords.class).recordImage(build.id(), worker, digest,
                            images.get().reference(app.get().name(), digest));
                }
                lease.checkNotCancelled();
                push.requireWaiting(build, app.get());
                int version = deployer.deploy(app.get(), build, artifact, log);
                finish(build, builds.succeed(build.id(), version));
            } catch (BuildCancelled e) {
                LOG.info("Build {} of app {} stopped here: {}", build.id(), app.get().name(), e.getMessage());
                jdbi.onDemand(BuildRecords.class).releaseLease(build.id(), worker);
            } catch (BuildFailure | DeployException | ImagePushException e) {
                if (!lease.isCancelled()) {
                    log.line("-----> Build failed: " + e.getMessage());
                    finish(build, builds.fail(build.id(), e.getMessage()));
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("Build {} of app {} (commit {}) failed in the builder", build.id(), app.get().name(), build.commitSha(), e);
                if (!lease.isCancelled()) {
                    // The exception's text may hold host paths: it stays in the operator's log.
                    log.line("-----> Build failed: internal builder error; the operator's log has details (build " + build.id() + ")");
                    finish(build, builds.fail(build.id(), "internal builder error; the operator's log has details"));
                }
            }
        } finally {
            deleteQuietly(workspace, build);
        }
    }

    private Artifact artifact(App app, Build build, String worker, Path workspace, BuildLog log, BuildLease lease)
            throws BuildFailure, IOException {
        Optional<Artifact> reused = reusable(build);
        if (reused.isPresent()) {
            log.line("-----> Commit " + build.commitSha().substring(0, 7) + " was built before: reusing its artifact");
            jdbi.onDemand(BuildRecords.class).recordArtifact(build.id(), worker, reused.get());
            return reused.get();
        }
        FileTrees.delete(workspace);
        Path appDir = workspace.resolve("app");
        Path home = workspace.resolve("home");
        Files.createDirectories(home);
        exporter.export(data.repository(app.id()), Optional.ofNullable(build.pushQuarantine()).map(Path::of),
                build.commitSha(), appDir);
        Path cache = data.buildCache(app.id());
        Files.createDirectories(cache);
        List<Path> hidden = new ArrayList<>(List.of(data.root()));
        config.hiddenPaths().forEach(p -> hidden.add(Path.of(p)));
        SandboxedBuildCommands commands = new SandboxedBuildCommands(sandbox, appDir, List.of(workspace, cache), hidden,
                buildEnv(home), sandbox.userFor(app.id()), log, lease, Instant.now().plusSeconds(config.buildTimeoutSeconds()));
        LaunchSpec launch = buildpacks.build(new BuildContext(appDir, cache, log, commands));
        lease.checkNotCancelled();
        Artifact artifact = artifacts.store(appDir, launch);
        log.line("-----> Artifact " + artifact.digest().substring(0, 12) + " stored");
        jdbi.onDemand(BuildRecords.class).recordArtifact(build.id(), worker, artifact);
        return artifact;
    }

    /** This build's own artifact (a retry after the builder died) or one of an earlier successful build of the commit. */
    private Optional<Artifact> reusable(Build build) {
        if (build.artifact() != null) {
            Optional<Artifact> own = artifacts.find(build.artifact());
            if (own.isPresent()) {
                return own;
            }
        }
        return jdbi.onDemand(BuildRecords.class).succeededArtifact(build.appId(), build.commitSha()).flatMap(artifacts::find);
    }

    private Map<String, String> buildEnv(Path home) {
        Map<String, String> env = new HashMap<>();
        for (String name : PASSED_THROUGH) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putIfAbsent("LANG", "C.UTF-8");
        env.put("PATH", config.path());
        env.put("HOME", home.toString());
        env.put("TMPDIR", "/tmp");
        env.put("CI", "true");
        env.putAll(config.env());
        return env;
    }

    private void finish(Build build, int updated) {
        if (updated == 0) {
            LOG.warn("Build {} was no longer running when its outcome was recorded", build.id());
        }
        events.publish(Channels.BUILDS, Long.toString(build.id()));
    }

    private static void deleteQuietly(Path workspace, Build build) {
        try {
            FileTrees.delete(workspace);
        } catch (IOException e) {
            LOG.warn("Build {}: could not remove workspace {}: {}", build.id(), workspace, e.getMessage());
        }
    }
}
