package cloud.nextmcp.git.repos;

import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.config.DataDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bare repositories of apps, one per app id under the data directory (so a re-created app
 * name never sees an old repository). A repository is made on first access of an existing app.
 */
public final class AppRepositories {
    private static final Logger LOG = LoggerFactory.getLogger(AppRepositories.class);

    private final DataDirectory dataDirectory;

    public AppRepositories(DataDirectory dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    public Path location(long appId) {
        return dataDirectory.repository(appId);
    }

    /** Opens the app's repository, creating it (HEAD on the deploy branch) if it does not exist yet. */
    public synchronized Repository open(App app) throws IOException {
        Path dir = location(app.id());
        if (!Files.exists(dir.resolve("HEAD"))) {
            create(app, dir);
        }
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
    }

    /**
     * Opens a preview's repository, made on first use with its parent's objects as an alternate: a
     * branch pushed to the parent is built as the preview without copying it, and a fetch from
     * GitHub only brings what the parent lacks.
     */
    public synchronized Repository openPreview(App preview, long parentId) throws IOException {
        Path dir = location(preview.id());
        if (!Files.exists(dir.resolve("HEAD"))) {
            create(preview, dir);
        }
        Path alternates = dir.resolve("objects/info/alternates");
        if (!Files.exists(alternates)) {
            Files.createDirectories(alternates.getParent());
            Files.writeString(alternates, location(parentId).resolve("objects").toAbsolutePath() + "\n");
        }
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
    }

    private static void create(App app, Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        try (Git git = Git.init().setBare(true).setGitDir(dir.toFile()).setInitialBranch(app.deployBranch()).call()) {
            var config = git.getRepository().getConfig();
            // Old objects stay reachable for rollbacks; auto gc inside a push would only add latency.
            config.setBoolean("receive", null, "autogc", false);
            config.save();
        } catch (GitAPIException e) {
            throw new IOException("Could not create the repository of app " + app.name() + " (id " + app.id() + ") at " + dir, e);
        }
        LOG.info("Created repository of app {} (id {}) at {}", app.name(), app.id(), dir);
    }

    /** Deletes the repository of an app that no longer exists. */
    public synchronized void remove(long appId) throws IOException {
        Path dir = location(appId);
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        LOG.info("Removed repository of destroyed app id {} at {}", appId, dir);
    }

    /** Ids of apps that have a repository on disk. */
    public List<Long> appIdsOnDisk() throws IOException {
        Path root = dataDirectory.repository(0).getParent();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var entries = Files.list(root)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("[0-9]{1,18}\\.git"))
                    .map(n -> Long.parseLong(n.substring(0, n.length() - 4)))
                    .toList();
        }
    }
}
