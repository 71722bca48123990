package cloud.nextmcp.build.buildpacks;

import cloud.nextmcp.build.builds.BuildFailure;
import java.io.IOException;
import java.nio.file.Path;

/** Detects one kind of app and builds it in place. */
public interface Buildpack {
    /** Short name, as in {@code nextmcp.toml}'s {@code buildpack = "node"}. */
    String name();

    /** Which files make this buildpack apply, for the "nothing detected" message. */
    String lookingFor();

    boolean detect(Path appDir);

    BuildpackResult build(BuildContext context) throws BuildFailure, IOException;
}
