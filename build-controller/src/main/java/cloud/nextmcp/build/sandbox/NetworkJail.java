package cloud.nextmcp.build.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a sandbox's own network namespace to the outside with pasta (Debian's passt package):
 * a tap interface whose TCP and UDP flows pasta re-creates as ordinary sockets of the host, so
 * the sandbox needs no veth pair, bridge, NAT or host firewall rule. pasta's gateway does not
 * lead to the host's loopback ({@code --no-map-gw}); DNS to {@link EgressRules#DNS_ADDRESS} goes
 * to the host's resolver; an instance's port is forwarded from {@code 127.0.0.1} on the host to
 * the sandbox's own loopback. pasta daemonizes once the namespace is configured and exits when
 * the namespace goes away with the sandbox.
 */
final class NetworkJail {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkJail.class);
    static final String INTERFACE = "nmcp0";
    private static final long SETUP_TIMEOUT_SECONDS = 10;

    private final Path pasta;
    private final Path pidFiles;
    /** The pasta processes of sandboxes that still run, stopped when the platform's JVM ends. */
    private final Set<ProcessHandle> running = ConcurrentHashMap.newKeySet();

    NetworkJail(Path pasta, Path pidFiles) {
        this.pasta = pasta;
        this.pidFiles = pidFiles;
    }

    /** Stops the pasta processes a killed platform left behind (listed in the pid file directory). */
    void stopLeftovers() throws IOException {
        Files.createDirectories(pidFiles);
        try (var files = Files.list(pidFiles)) {
            for (Path file : files.toList()) {
                pid(file).flatMap(ProcessHandle::of)
                        .filter(p -> p.info().command().map(c -> c.endsWith("pasta")).orElse(false))
                        .ifPresent(ProcessHandle::destroy);
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Configures the network namespace of process {@code sandbox} (the sandbox's first process),
     * returns once it is up, and stops pasta again when {@code sandbox} exits.
     */
    void attach(Process launcher, long sandbox, SandboxNetwork network, boolean ownUserNamespace)
            throws IOException, InterruptedException {
        Path pidFile = pidFiles.resolve(sandbox + ".pid");
        List<String> args = new ArrayList<>(List.of(pasta.toString(), "--config-net", "--quiet", "--no-map-gw",
                "--ns-ifname", INTERFACE, "--dns-forward", EgressRules.DNS_ADDRESS,
                "-t", network.inboundPort() == 0 ? "none" : "127.0.0.1/" + network.inboundPort(),
                "-u", "none", "-T", "none", "-U", "none",
                "--pid", pidFile.toString(),
                "--netns", "/proc/" + sandbox + "/ns/net"));
        if (ownUserNamespace) {
            args.addAll(List.of("--userns", "/proc/" + sandbox + "/ns/user"));
        } else {
            // pasta would otherwise switch to 'nobody' before it opens the namespace, which root owns.
            args.addAll(List.of("--netns-only", "--runas", "0:0"));
        }
        Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(SETUP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("pasta did not set up the sandbox's network within " + SETUP_TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("Failed to send") || !l.contains("syslog")).reduce((a, b) -> a + "; " + b).orElse("");
            throw new IOException("pasta could not set up the sandbox's network (exit " + p.exitValue() + "): " + output);
        }
        Optional<ProcessHandle> started = pid(pidFile).flatMap(ProcessHandle::of);
        started.ifPresent(running::add);
        launcher.onExit().whenComplete((ended, error) -> {
            started.ifPresent(forwarder -> {
                running.remove(forwarder);
                forwarder.destroy();
            });
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                LOG.warn("Could not remove {}: {}", pidFile, e.getMessage());
            }
        });
    }

    /**
     * Stops the pasta of every sandbox still running. The sandboxes themselves die with the JVM
     * (bubblewrap's parent-death signal), but pasta is not their child and would stay.
     */
    void stopAll() {
        running.forEach(ProcessHandle::destroy);
        running.clear();
    }

    private static Optional<Long> pid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
