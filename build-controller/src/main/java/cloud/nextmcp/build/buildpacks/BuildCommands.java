package cloud.nextmcp.build.buildpacks;

import cloud.nextmcp.build.builds.BuildFailure;
import java.util.List;
import java.util.Map;

/** Runs one step of a build (sandboxed, in the app directory) and streams its output to the build log. */
public interface BuildCommands {
    /**
     * Runs {@code argv}; {@code env} is added to the build's base environment.
     *
     * @throws BuildFailure when the command exits non-zero or runs past the build's deadline
     */
    void run(List<String> argv, Map<String, String> env) throws BuildFailure;
}
