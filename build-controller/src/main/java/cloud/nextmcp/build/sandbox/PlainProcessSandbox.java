package cloud.nextmcp.build.sandbox;

import java.io.File;
import java.io.IOException;

/**
 * The fallback where bubblewrap is unavailable: an ordinary child process with only the spec's
 * environment and working directory. It is not confined; {@link Sandboxes#detect} logs a warning
 * when it has to choose this.
 */
public final class PlainProcessSandbox implements Sandbox {
    private final SandboxUsers users;

    public PlainProcessSandbox(SandboxUsers users) {
        this.users = users;
    }

    @Override
    public Process start(SandboxSpec spec, ProcessStarter starter) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(spec.command());
        pb.environment().clear();
        pb.environment().putAll(spec.env());
        pb.directory(spec.workDir().toFile());
        pb.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return starter.start(pb);
    }

    @Override
    public boolean confining() {
        return false;
    }

    @Override
    public SandboxUser userFor(long appId) {
        return users.platform();
    }
}
