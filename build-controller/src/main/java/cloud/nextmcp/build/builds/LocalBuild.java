package cloud.nextmcp.build.builds;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.artifacts.FileTrees;
import cloud.nextmcp.build.artifacts.LaunchSpec;
import cloud.nextmcp.build.artifacts.WritableArtifactStore;
import cloud.nextmcp.build.buildpacks.BuildContext;
import cloud.nextmcp.build.buildpacks.Buildpacks;
import cloud.nextmcp.build.images.ImagePublisher;
import cloud.nextmcp.build.images.ImagePushException;
import cloud.nextmcp.build.sandbox.Sandbox;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.config.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code builder.kind: local}: export the commit, run the buildpacks in the sandbox (or reuse the artifact of an
 * earlier successful build of the same commit), store the artifact, and push it as an image when configured.
 */
final class LocalBuild implements BuildBackend {
    private static final Logger LOG = LoggerFactory.getLogger(LocalBuild.class);
    private static final List<String> PASSED_THROUGH = List.of("LANG", "TZ", "http_proxy", "https_proxy", "no_proxy",
            "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY");

    private final BuilderConfig config;
    private final Jdbi jdbi;
    private final DataDirectory data;
    private final Sandbox sandbox;
    private final WritableArtifactStore artifacts;
    private final Buildpacks buildpacks;
    private final Optional<ImagePublisher> images;
    private final CommitExporter exporter = new CommitExporter();

    LocalBuild(BuilderConfig config, Jdbi jdbi, DataDirectory data, Sandbox sandbox, WritableArtifactStore artifacts,
               Buildpacks buildpacks, Optional<ImagePublisher> images) {
        this.config = config;
        this.jdbi = jdbi;
        this.data = data;
        this.sandbox = sandbox;
        this.artifacts = artifacts;
        this.buildpacks = buildpacks;
        this.images = images;
    }

    @Override
    public Artifact build(App app, Build build, String worker, BuildLog log, BuildLease lease)
            throws BuildFailure, ImagePushException, IOException {
        Path workspace = data.buildWorkspace(build.id());
        Artifact artifact;
        try {
            artifact = artifact(app, build, worker, workspace, log, lease);
        } finally {
            // The artifact is stored: the scratch space goes before the outcome is recorded, so a
            // finished build never still holds disk (or shows a workspace to whoever reads its outcome).
            deleteQuietly(workspace, build);
        }
        lease.checkNotCancelled();
        if (images.isPresent()) {
            String digest = images.get().publish(app.name(), "build-" + build.id(), artifact, log);
            jdbi.onDemand(BuildRecords.class).recordImage(build.id(), worker, digest, images.get().reference(app.name(), digest));
        }
        return artifact;
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

    static void deleteQuietly(Path workspace, Build build) {
        try {
            FileTrees.delete(workspace);
        } catch (IOException e) {
            LOG.warn("Build {}: could not remove workspace {}: {}", build.id(), workspace, e.getMessage());
        }
    }
}
