package cloud.nextmcp.build.builds;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.images.ImagePushException;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.builds.Build;
import java.io.IOException;

/**
 * How a claimed build turns its commit into something a release can run ({@code builder.kind}): buildpacks on
 * this machine ({@link LocalBuild}) or kpack in a cluster. {@link BuildJob} does the rest the same way for
 * both: the lease, the deploy, the outcome.
 */
public interface BuildBackend {
    /**
     * Builds the commit (or reuses an earlier build of it), records the artifact and any image on the build row,
     * and returns the artifact the release will name. Progress goes to {@code log}, so the pusher sees it.
     *
     * @throws BuildFailure       the app did not build; the message is for the pusher
     * @throws ImagePushException the image could not be stored in the registry
     */
    Artifact build(App app, Build build, String worker, BuildLog log, BuildLease lease)
            throws BuildFailure, ImagePushException, IOException;
}
