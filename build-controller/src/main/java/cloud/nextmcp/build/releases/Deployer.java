package cloud.nextmcp.build.releases;

import cloud.nextmcp.build.artifacts.Artifact;
import cloud.nextmcp.build.builds.BuildLog;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.builds.Build;

/** Turns a successful build into a live release. */
public interface Deployer {
    /**
     * Creates release vN (the artifact plus a snapshot of the app's config vars), rolls it out
     * (start new instances, wait until healthy, switch the route, drain and stop the old ones) and
     * returns N once it serves traffic. Progress goes to {@code log}.
     *
     * @throws DeployException when the new release never becomes healthy; the previous release keeps serving
     */
    int deploy(App app, Build build, Artifact artifact, BuildLog log) throws DeployException;
}
