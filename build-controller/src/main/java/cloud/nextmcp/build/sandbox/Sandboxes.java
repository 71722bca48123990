package cloud.nextmcp.build.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the sandbox for this host: bubblewrap with a network namespace per sandbox when both
 * work here, bubblewrap on the host's network (with a loud warning) when pasta does not, and
 * plain processes (with a louder one) when bubblewrap does not.
 */
public final class Sandboxes {
    private static final Logger LOG = LoggerFactory.getLogger(Sandboxes.class);
    private static final List<Path> DEFAULT_LOCATIONS = List.of(Path.of("/usr/bin/bwrap"), Path.of("/usr/local/bin/bwrap"));

    private Sandboxes() {
    }

    /** The sandbox for this host; {@code stateDir} holds its generated files (the sandboxes' resolv.conf). */
    public static Sandbox detect(SandboxConfig config, Path stateDir) {
        SandboxUsers users = new SandboxUsers(config.uidBase());
        List<Path> candidates = config.bwrapPath().map(List::of).orElse(DEFAULT_LOCATIONS);
        Optional<Path> resolvConf = writeResolvConf(stateDir);
        EgressRules egress = EgressRules.forThisHost();
        for (Path candidate : candidates) {
            if (!Files.isExecutable(candidate)) {
                continue;
            }
            BubblewrapSandbox bare = new BubblewrapSandbox(candidate, Optional.empty(), egress, resolvConf, users,
                    config.outbound());
            Optional<String> problem = probe(bare, users, SandboxNetwork.none());
            if (problem.isPresent()) {
                LOG.warn("bubblewrap at {} does not work here: {}", candidate, problem.get());
                continue;
            }
            if (config.networkMode() == SandboxConfig.NetworkMode.SHARED) {
                warnSharedNetwork("sandbox.network is 'shared'");
                return bare;
            }
            NetworkJail jail = new NetworkJail(config.pastaPath(), stateDir.resolve("pasta"));
            stopLeftovers(jail);
            Runtime.getRuntime().addShutdownHook(new Thread(jail::stopAll, "sandbox-network-cleanup"));
            BubblewrapSandbox isolated = new BubblewrapSandbox(candidate, Optional.of(jail), egress, resolvConf, users,
                    config.outbound());
            Optional<String> jailProblem = Files.isExecutable(config.pastaPath())
                    ? probe(isolated, users, new SandboxNetwork(true, 0))
                    : Optional.of(config.pastaPath() + " is not installed (Debian: apt-get install passt nftables)");
            if (jailProblem.isPresent()) {
                warnSharedNetwork("sandboxes cannot get a network of their own: " + jailProblem.get());
                return bare;
            }
            LOG.info("Builds and apps run sandboxed with bubblewrap ({}), each in its own network namespace (pasta), as {}",
                    candidate, users.platformIsRoot() ? "their own unprivileged uid" : "this user in a user namespace");
            return isolated;
        }
        LOG.warn("Bubblewrap is not available (looked for {}): builds and apps run as PLAIN, UNCONFINED child processes "
                + "that can read the platform's data directory and reach its database. Install bubblewrap and passt.",
                candidates);
        return new PlainProcessSandbox(users);
    }

    private static void stopLeftovers(NetworkJail jail) {
        try {
            jail.stopLeftovers();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the sandboxes' pid files: " + e.getMessage(), e);
        }
    }

    private static void warnSharedNetwork(String why) {
        LOG.warn("!!! {}. Builds and apps SHARE THE HOST'S NETWORK: they can connect to the platform's database, "
                + "admin ports and other apps on this host's loopback. Do not run untrusted code like this. !!!", why);
    }

    private static Optional<Path> writeResolvConf(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            Path file = stateDir.resolve("resolv.conf");
            Files.writeString(file, "# Written by NextMCP: pasta forwards this address to the host's resolver.\n"
                    + "nameserver " + EgressRules.DNS_ADDRESS + "\n");
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the sandboxes' resolv.conf in " + stateDir, e);
        }
    }

    /** Runs {@code true} inside the sandbox: some hosts (containers without user namespaces, no tun device) refuse it. */
    private static Optional<String> probe(Sandbox sandbox, SandboxUsers users, SandboxNetwork network) {
        Path root = Path.of("/");
        SandboxSpec spec = new SandboxSpec(List.of("true"), root, List.of(), List.of(), List.of(),
                Map.of("PATH", "/usr/bin:/bin"), network, users.forApp(0));
        try {
            Process p = sandbox.start(spec, Sandbox.ProcessStarter.DIRECT);
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
