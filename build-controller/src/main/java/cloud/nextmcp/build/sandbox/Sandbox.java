package cloud.nextmcp.build.sandbox;

import java.io.IOException;

/** Starts processes confined as a {@link SandboxSpec} says (bubblewrap when present, else a plain child process with a warning). */
public interface Sandbox {
    /**
     * Starts the spec's command; its stdout and stderr are merged into the returned process's
     * input stream, its stdin is empty. {@code starter} starts the launcher process (the runtime
     * starts instances from one long-lived thread).
     */
    Process start(SandboxSpec spec, ProcessStarter starter) throws IOException, InterruptedException;

    /** Whether processes are really confined (false for the plain fallback). */
    boolean confining();

    /** The host identity the builds and instances of an app run as. */
    SandboxUser userFor(long appId);

    /** Starts a prepared process. */
    @FunctionalInterface
    interface ProcessStarter {
        ProcessStarter DIRECT = ProcessBuilder::start;

        Process start(ProcessBuilder builder) throws IOException, InterruptedException;
    }
}
