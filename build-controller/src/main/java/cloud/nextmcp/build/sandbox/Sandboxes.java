package cloud.nextmcp.build.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the sandbox for this host: bubblewrap when it is installed and works, else plain processes with a warning. */
public final class Sandboxes {
    private static final Logger LOG = LoggerFactory.getLogger(Sandboxes.class);
    private static final List<Path> DEFAULT_LOCATIONS = List.of(Path.of("/usr/bin/bwrap"), Path.of("/usr/local/bin/bwrap"));

    private Sandboxes() {
    }

    /** Bubblewrap from {@code bwrap} if given, else from the usual locations. */
    public static Sandbox detect(Optional<Path> bwrap) {
        List<Path> candidates = bwrap.map(List::of).orElse(DEFAULT_LOCATIONS);
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                BubblewrapSandbox sandbox = new BubblewrapSandbox(candidate);
                Optional<String> problem = probe(sandbox);
                if (problem.isEmpty()) {
                    LOG.info("Builds and apps run sandboxed with bubblewrap ({})", candidate);
                    return sandbox;
                }
                LOG.warn("bubblewrap at {} does not work here: {}", candidate, problem.get());
            }
        }
        LOG.warn("Bubblewrap is not available (looked for {}): builds and apps run as PLAIN, UNCONFINED child processes "
                + "that can read the platform's data directory. Install bubblewrap for isolation.", candidates);
        return new PlainProcessSandbox();
    }

    /** Runs {@code true} inside the sandbox: some hosts (containers without user namespaces) refuse bwrap. */
    private static Optional<String> probe(BubblewrapSandbox sandbox) {
        Path root = Path.of("/");
        SandboxSpec spec = new SandboxSpec(List.of("true"), root, List.of(), List.of(), List.of(),
                Map.of("PATH", "/usr/bin:/bin"), false);
        try {
            Process p = sandbox.processBuilder(spec).redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("a test process did not finish within 10 s");
            }
            String output = new String(p.getInputStream().readAllBytes()).strip();
            return p.exitValue() == 0 ? Optional.empty() : Optional.of("exit " + p.exitValue() + ": " + output);
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
