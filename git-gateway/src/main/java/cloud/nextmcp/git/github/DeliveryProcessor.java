package cloud.nextmcp.git.github;

import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.builds.Build;
import cloud.nextmcp.core.github.Delivery;
import cloud.nextmcp.core.github.DeliveryStatus;
import cloud.nextmcp.core.github.GithubBuildDao;
import cloud.nextmcp.core.github.GithubConnection;
import cloud.nextmcp.core.github.GithubConnectionDao;
import cloud.nextmcp.core.github.Preview;
import cloud.nextmcp.core.github.PreviewDao;
import cloud.nextmcp.core.github.PreviewLabels;
import cloud.nextmcp.core.github.PreviewMode;
import cloud.nextmcp.core.github.Previews;
import cloud.nextmcp.git.receive.BuildQueue;
import cloud.nextmcp.git.repos.AppRepositories;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.jdbi.v3.core.Handle;

/**
 * What one delivery does, inside the transaction that holds its row: a push to the production
 * branch queues a build of the app exactly as a git push does; a push to another branch or a pull
 * request builds a preview; a closed pull request or a deleted branch tears its preview down.
 * Everything else is acknowledged with the reason it was ignored.
 */
final class DeliveryProcessor {
    record Outcome(DeliveryStatus status, String text) {
        static Outcome done(String text) {
            return new Outcome(DeliveryStatus.DONE, text);
        }

        static Outcome ignored(String text) {
            return new Outcome(DeliveryStatus.IGNORED, text);
        }
    }

    /** The delivery cannot be done (fetch failed, plan limit); its transaction is rolled back. */
    static final class Failed extends RuntimeException {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ObjectMapper json;
    private final AppRepositories repositories;
    private final RepositoryFetcher fetcher;
    private final Previews previews;
    private final Entitlements entitlements;
    private final GithubFeedback feedback;

    DeliveryProcessor(ObjectMapper json, AppRepositories repositories, RepositoryFetcher fetcher, Previews previews,
                      Entitlements entitlements, GithubFeedback feedback) {
        this.json = json;
        this.repositories = repositories;
        this.fetcher = fetcher;
        this.previews = previews;
        this.entitlements = entitlements;
        this.feedback = feedback;
    }

    Outcome process(Handle h, Delivery d) {
        Optional<GithubConnection> connection = d.appId() == null ? Optional.empty()
                : h.attach(GithubConnectionDao.class).ofApp(d.appId()).filter(c -> c.repository().equals(d.repository()));
        Optional<App> app = d.appId() == null ? Optional.empty() : h.attach(AppDao.class).findById(d.appId());
        if (connection.isEmpty() || app.isEmpty()) {
            return Outcome.ignored("the app was disconnected from " + d.repository() + " before this delivery was processed");
        }
        WebhookEvent event;
        try {
            event = WebhookEvent.parse(json, d.event(), d.payload());
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(DeliveryStatus.FAILED, "unreadable " + d.event() + " payload: " + e.getMessage());
        }
        Context ctx = new Context(h, connection.get(), app.get());
        if (event instanceof WebhookEvent.Push push) {
            return push(ctx, push);
        }
        if (event instanceof WebhookEvent.PullRequest pr) {
            return pullRequest(ctx, pr);
        }
        WebhookEvent.Other other = (WebhookEvent.Other) event;
        return Outcome.ignored("event " + other.event() + " is not acted on");
    }

    private record Context(Handle h, GithubConnection connection, App app) {
        PreviewMode mode() {
            return connection.previewMode();
        }
    }

    private Outcome push(Context ctx, WebhookEvent.Push push) {
        if (!push.isBranch()) {
            return Outcome.ignored("push of " + push.ref() + " ignored: only branches deploy");
        }
        String branch = push.branch();
        String production = ctx.connection().productionBranch() != null ? ctx.connection().productionBranch()
                : push.defaultBranch() != null ? push.defaultBranch() : ctx.app().deployBranch();
        String label = PreviewLabels.branch(branch, ctx.app().name());
        if (push.deleted()) {
            Optional<Preview> preview = ctx.h().attach(PreviewDao.class).find(ctx.app().id(), label);
            if (preview.isPresent() && !branch.equals(production)) {
                previews.tearDown(ctx.h(), preview.get(), "branch " + branch + " was deleted on GitHub");
                return Outcome.done("branch " + branch + " deleted: preview " + preview.get().name() + " torn down");
            }
            return Outcome.ignored("deletion of branch " + branch + " ignored");
        }
        if (branch.equals(production)) {
            Build build = deploy(ctx, ctx.app(), push.ref(), "refs/github/heads/" + branch, push.after(), "production");
            return Outcome.done("build " + build.id() + " of " + push.after().substring(0, 7) + " queued for " + ctx.app().name());
        }
        if (!ctx.mode().branches()) {
            return Outcome.ignored("push to " + branch + " ignored: branch previews are off (production branch is "
                    + production + ")");
        }
        Preview preview = ensure(ctx, label, null, branch);
        App previewApp = ctx.h().attach(AppDao.class).findById(preview.appId()).orElseThrow();
        Build build = deploy(ctx, previewApp, push.ref(), "refs/github/heads/" + branch, push.after(), "preview/" + label);
        ctx.h().attach(PreviewDao.class).touch(preview.appId(), push.after());
        return Outcome.done("build " + build.id() + " of " + push.after().substring(0, 7) + " queued for preview "
                + previewApp.name());
    }

    private Outcome pullRequest(Context ctx, WebhookEvent.PullRequest pr) {
        String label = PreviewLabels.pullRequest(pr.number());
        switch (pr.action()) {
            case "opened", "reopened", "synchronize" -> {
                if (!ctx.mode().pullRequests()) {
                    return Outcome.ignored("pull request #" + pr.number() + " ignored: pull request previews are off");
                }
                Preview preview = ensure(ctx, label, pr.number(), pr.headRef());
                App previewApp = ctx.h().attach(AppDao.class).findById(preview.appId()).orElseThrow();
                Build build = deploy(ctx, previewApp, "refs/pull/" + pr.number() + "/head", "refs/github/pull/" + pr.number(),
                        pr.headSha(), "preview/" + label);
                ctx.h().attach(PreviewDao.class).touch(preview.appId(), pr.headSha());
                return Outcome.done("build " + build.id() + " of " + pr.headSha().substring(0, 7) + " queued for preview "
                        + previewApp.name());
            }
            case "closed" -> {
                Optional<Preview> preview = ctx.h().attach(PreviewDao.class).find(ctx.app().id(), label);
                if (preview.isEmpty()) {
                    return Outcome.ignored("pull request #" + pr.number() + " closed: it had no preview");
                }
                previews.tearDown(ctx.h(), preview.get(), "pull request #" + pr.number() + " closed");
                feedback.previewTornDown(ctx.connection().repository(), pr.number(), preview.get());
                return Outcome.done("pull request #" + pr.number() + (pr.merged() ? " merged" : " closed") + ": preview "
                        + preview.get().name() + " torn down");
            }
            default -> {
                return Outcome.ignored("pull_request." + pr.action() + " is not acted on");
            }
        }
    }

    private Preview ensure(Context ctx, String label, Integer prNumber, String branch) {
        try {
            return previews.ensure(ctx.h(), ctx.app(), label, prNumber, branch);
        } catch (cloud.nextmcp.core.billing.LimitExceeded e) {
            throw new Failed(e.getMessage(), e);
        }
    }

    private Build deploy(Context ctx, App target, String remoteRef, String localRef, String sha, String environment) {
        try {
            entitlements.requireBuildMinutes(ctx.h(), target.id());
        } catch (cloud.nextmcp.core.billing.LimitExceeded e) {
            throw new Failed(e.getMessage(), e);
        }
        String repository = ctx.connection().repository();
        try (Repository repo = target.id() == ctx.app().id() ? repositories.open(target)
                : repositories.openPreview(target, ctx.app().id())) {
            fetcher.fetch(repo, repository, remoteRef, localRef, sha);
        } catch (RepositoryFetcher.FetchFailed e) {
            throw new Failed(e.getMessage(), e);
        } catch (IOException e) {
            throw new Failed("could not fetch " + remoteRef + " of " + repository + " into app " + target.name(), e);
        }
        Build build = BuildQueue.enqueue(ctx.h(), target.id(), sha, remoteRef, null, null);
        ctx.h().attach(GithubBuildDao.class).insert(build.id(), repository, sha, environment);
        return build;
    }
}
