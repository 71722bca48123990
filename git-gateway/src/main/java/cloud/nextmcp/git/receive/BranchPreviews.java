package cloud.nextmcp.git.receive;

import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.github.GithubConnection;
import cloud.nextmcp.core.github.GithubConnectionDao;
import cloud.nextmcp.core.github.Preview;
import cloud.nextmcp.core.github.PreviewLabels;
import cloud.nextmcp.core.github.Previews;
import cloud.nextmcp.git.repos.AppRepositories;
import java.io.IOException;
import org.eclipse.jgit.lib.Repository;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code git push nextmcp feature-x} makes a branch preview when the app's previews include branches
 * (set with {@code nextmcp github connect --previews}): the preview app, its repository (the parent's
 * objects as an alternate, so the push's quarantine is all the build needs besides) and its label.
 */
public final class BranchPreviews {
    private final Jdbi jdbi;
    private final Previews previews;
    private final AppRepositories repositories;

    public BranchPreviews(Jdbi jdbi, Previews previews, AppRepositories repositories) {
        this.jdbi = jdbi;
        this.previews = previews;
        this.repositories = repositories;
    }

    /** Whether pushes of other branches than the deploy branch make previews of {@code app}. */
    boolean enabledFor(App app) {
        return jdbi.withHandle(h -> h.attach(GithubConnectionDao.class).ofApp(app.id()))
                .map(GithubConnection::previewMode).map(m -> m.branches()).orElse(false);
    }

    /** The preview app of {@code branch}, created when missing. @throws cloud.nextmcp.core.billing.LimitExceeded over the plan */
    App ensure(App parent, String branch) throws IOException {
        Preview preview = jdbi.inTransaction(h -> previews.ensure(h, parent, PreviewLabels.branch(branch, parent.name()),
                null, branch));
        App app = jdbi.withHandle(h -> h.attach(AppDao.class).findById(preview.appId())).orElseThrow();
        try (Repository ignored = repositories.openPreview(app, parent.id())) {
            return app;
        }
    }

    void touch(App preview, String commitSha) {
        jdbi.useHandle(h -> h.attach(cloud.nextmcp.core.github.PreviewDao.class).touch(preview.id(), commitSha));
    }
}
