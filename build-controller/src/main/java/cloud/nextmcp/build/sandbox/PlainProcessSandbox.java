package cloud.nextmcp.build.sandbox;

/**
 * The fallback where bubblewrap is unavailable: an ordinary child process with only the spec's
 * environment and working directory. It is not confined; {@link Sandboxes#detect} logs a warning
 * when it has to choose this.
 */
public final class PlainProcessSandbox implements Sandbox {
    @Override
    public ProcessBuilder processBuilder(SandboxSpec spec) {
        ProcessBuilder pb = new ProcessBuilder(spec.command());
        pb.environment().clear();
        pb.environment().putAll(spec.env());
        pb.directory(spec.workDir().toFile());
        return pb;
    }

    @Override
    public boolean confining() {
        return false;
    }
}
