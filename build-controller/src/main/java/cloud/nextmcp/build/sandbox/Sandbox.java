package cloud.nextmcp.build.sandbox;

/** Starts processes confined as a {@link SandboxSpec} says (bubblewrap when present, else a plain child process with a warning). */
public interface Sandbox {
    /** A process builder for the spec; stdout and stderr are left as pipes for the caller to read. */
    ProcessBuilder processBuilder(SandboxSpec spec);

    /** Whether processes are really confined (false for the plain fallback). */
    boolean confining();
}
