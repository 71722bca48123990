package cloud.nextmcp.build.buildpacks;

import cloud.nextmcp.build.builds.BuildLog;
import java.nio.file.Path;

/**
 * What a buildpack works with.
 *
 * @param appDir   the exported commit; the buildpack builds it in place and it becomes the artifact
 * @param cacheDir the app's dependency cache, kept between builds
 * @param log      build output shown to the pusher
 * @param commands runs build steps in the sandbox
 */
public record BuildContext(Path appDir, Path cacheDir, BuildLog log, BuildCommands commands) {
}
