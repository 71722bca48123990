package cloud.nextmcp.build.buildpacks;

import cloud.nextmcp.build.builds.BuildFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs build steps as plain host processes, to test buildpacks apart from the sandbox (the worker tests cover that). */
final class HostCommands implements BuildCommands {
    private final Path dir;
    private final List<String> output;

    HostCommands(Path dir, List<String> output) {
        this.dir = dir;
        this.output = output;
    }

    @Override
    public void run(List<String> argv, Map<String, String> env) throws BuildFailure {
        output.add("$ " + String.join(" ", argv));
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            output.addAll(out.lines().toList());
            if (p.waitFor() != 0) {
                throw new BuildFailure(argv + " exited with " + p.exitValue());
            }
        } catch (IOException e) {
            throw new BuildFailure(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailure("interrupted", e);
        }
    }
}
