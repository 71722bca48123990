package cloud.nextmcp.git.github;

import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.builds.BuildDao;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.github.GithubBuild;
import cloud.nextmcp.core.github.GithubBuildDao;
import cloud.nextmcp.core.github.Preview;
import cloud.nextmcp.core.github.PreviewDao;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jdbi.v3.core.Jdbi;
import org.kohsuke.github.GHCommitState;
import org.kohsuke.github.GHDeployment;
import org.kohsuke.github.GHDeploymentState;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What GitHub shows of builds it started (NOTIFY {@code builds}): a commit status {@code nextmcp/<app>}
 * (pending, then success or failure), a Deployment per build with its statuses, and on a pull
 * request one comment with the preview's URL, edited in place. {@code github_builds.reported}
 * moves forward once per state, so each state is reported once however many notifications come.
 */
final class GithubFeedback implements EventBus.Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(GithubFeedback.class);
    static final String COMMENT_MARK = "<!-- nextmcp-preview -->";

    private final Jdbi jdbi;
    private final GithubClients clients;
    private final PublicEndpoints endpoints;
    private final FeedbackQueue queue;
    private final Executor reader;
    /** Comment ids by {@code repo#n}, for a close that comes before the id was stored. */
    private final Map<String, Long> comments = new ConcurrentHashMap<>();

    GithubFeedback(Jdbi jdbi, GithubClients clients, PublicEndpoints endpoints, FeedbackQueue queue, Executor reader) {
        this.jdbi = jdbi;
        this.clients = clients;
        this.endpoints = endpoints;
        this.queue = queue;
        this.reader = reader;
    }

    @Override
    public void onNotification(String payload) {
        long buildId;
        try {
            buildId = Long.parseLong(payload.strip());
        } catch (NumberFormatException e) {
            return;
        }
        reader.execute(() -> update(buildId));
    }

    @Override
    public void resync() {
        reader.execute(() -> jdbi.withHandle(h -> h.createQuery(
                "SELECT build_id FROM github_builds WHERE reported IN ('none', 'pending')").mapTo(Long.class).list())
                .forEach(this::update));
    }

    /** Synchronized: a build's pending calls must be queued before its outcome's, whichever thread saw which notification. */
    private synchronized void update(long buildId) {
        try {
            Optional<GithubBuild> gb = jdbi.onDemand(GithubBuildDao.class).find(buildId);
            Optional<Build> build = gb.isEmpty() ? Optional.empty() : jdbi.onDemand(BuildDao.class).findById(buildId);
            if (build.isEmpty()) {
                return;
            }
            String desired = switch (build.get().status()) {
                case SUCCEEDED -> "success";
                case FAILED -> "failure";
                default -> "pending";
            };
            GithubBuildDao dao = jdbi.onDemand(GithubBuildDao.class);
            if (dao.advance(buildId, "none", "pending") == 1) {
                reportPending(gb.get(), build.get());
            }
            if (!"pending".equals(desired) && dao.advance(buildId, "pending", desired) == 1) {
                reportFinished(gb.get(), build.get(), "success".equals(desired));
            }
        } catch (RuntimeException e) {
            LOG.error("GitHub feedback for build {} could not be prepared", buildId, e);
        }
    }

    private record Target(App app, Optional<Preview> preview, String context, String logUrl, String appUrl) {
    }

    private Target target(Build build) {
        App app = jdbi.onDemand(AppDao.class).findById(build.appId()).orElseThrow();
        Optional<Preview> preview = jdbi.onDemand(PreviewDao.class).ofApp(app.id());
        String parent = preview.flatMap(p -> jdbi.onDemand(AppDao.class).findById(p.parentId())).map(App::name).orElse(app.name());
        return new Target(app, preview, "nextmcp/" + parent,
                endpoints.apiUrl() + "/api/v1/apps/" + app.name() + "/builds/" + build.id() + "/log", endpoints.appUrl(app.name()));
    }

    private void reportPending(GithubBuild gb, Build build) {
        Target t = target(build);
        String key = "build:" + build.id();
        queue.submit(key, "pending status of build " + build.id(), () -> repo(gb).createCommitStatus(gb.commitSha(),
                GHCommitState.PENDING, t.logUrl(), "Building on NextMCP (build " + build.id() + ")", t.context()));
        queue.submit(key, "deployment of build " + build.id(), () -> {
            GHDeployment deployment = repo(gb).createDeployment(gb.commitSha()).environment(gb.environment())
                    .autoMerge(false).requiredContexts(List.of()).transientEnvironment(t.preview().isPresent())
                    .productionEnvironment(t.preview().isEmpty()).description("NextMCP build " + build.id()).create();
            jdbi.onDemand(GithubBuildDao.class).recordDeployment(build.id(), deployment.getId());
            deployment.createStatus(GHDeploymentState.IN_PROGRESS).logUrl(t.logUrl()).create();
        });
    }

    private void reportFinished(GithubBuild gb, Build build, boolean success) {
        Target t = target(build);
        String key = "build:" + build.id();
        String description = success ? "Live on NextMCP" + (build.releaseVersion() == null ? "" : " as v" + build.releaseVersion())
                : "Build failed on NextMCP";
        queue.submit(key, (success ? "success" : "failure") + " status of build " + build.id(), () -> repo(gb)
                .createCommitStatus(gb.commitSha(), success ? GHCommitState.SUCCESS : GHCommitState.FAILURE, t.logUrl(),
                        description, t.context()));
        queue.submit(key, "deployment status of build " + build.id(), () -> {
            Long id = jdbi.onDemand(GithubBuildDao.class).find(build.id()).map(GithubBuild::deploymentId).orElse(null);
            if (id == null) {
                LOG.info("Build {}: no GitHub deployment was created, so no deployment status is sent", build.id());
                return;
            }
            var status = repo(gb).getDeployment(id).createStatus(success ? GHDeploymentState.SUCCESS : GHDeploymentState.FAILURE)
                    .logUrl(t.logUrl()).description(description);
            if (success) {
                status.environmentUrl(t.appUrl());
            }
            status.create();
        });
        if (success && t.preview().isPresent() && t.preview().get().prNumber() != null) {
            Preview p = t.preview().get();
            String body = "**NextMCP preview** of #" + p.prNumber() + " is live at `" + build.commitSha().substring(0, 7) + "`\n\n"
                    + "- URL: " + t.appUrl() + "\n- MCP endpoint: " + t.appUrl() + "/mcp\n- Build log: " + t.logUrl() + "\n\n"
                    + COMMENT_MARK;
            upsertComment(gb.repository(), p.prNumber(), p.appId(), body);
        }
    }

    /** Marks the pull request's comment torn down (the preview row is gone by then). */
    void previewTornDown(String repository, int prNumber, Preview preview) {
        String body = "**NextMCP preview** " + preview.name() + " was torn down: the pull request was closed.\n\n" + COMMENT_MARK;
        upsertComment(repository, prNumber, null, body, preview.commentId());
    }

    private void upsertComment(String repository, int prNumber, long previewAppId, String body) {
        upsertComment(repository, prNumber, previewAppId, body, null);
    }

    private void upsertComment(String repository, int prNumber, Long previewAppId, String body, Long knownId) {
        String key = repository + "#" + prNumber;
        queue.submit("pr:" + key, "preview comment on " + key, () -> {
            Long id = comments.getOrDefault(key, knownId);
            if (id == null && previewAppId != null) {
                id = jdbi.onDemand(PreviewDao.class).ofApp(previewAppId).map(Preview::commentId).orElse(null);
            }
            if (id == null && previewAppId == null) {
                return; // torn down before any comment was made: nothing to mark
            }
            GHRepository repo = clients.forRepository(repository).getRepository(repository);
            if (id != null) {
                long wanted = id;
                for (GHIssueComment c : repo.getIssue(prNumber).listComments()) {
                    if (c.getId() == wanted) {
                        c.update(body);
                        return;
                    }
                }
                LOG.info("The preview comment {} on {} is gone; a new one is made", wanted, key);
            }
            GHIssueComment created = repo.getIssue(prNumber).comment(body);
            comments.put(key, created.getId());
            if (previewAppId != null) {
                jdbi.onDemand(PreviewDao.class).recordComment(previewAppId, created.getId());
            }
        });
    }

    private GHRepository repo(GithubBuild gb) throws IOException {
        return clients.forRepository(gb.repository()).getRepository(gb.repository());
    }
}
