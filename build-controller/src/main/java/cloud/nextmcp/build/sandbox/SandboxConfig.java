package cloud.nextmcp.build.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Settings of the sandbox that builds and app instances run in. Every field may be left out
 * (null) for its default. Documented in docs/security.md and docs/configuration.md.
 *
 * @param bwrap    bubblewrap binary (default: /usr/bin/bwrap or /usr/local/bin/bwrap)
 * @param pasta    pasta binary of the passt package, which gives each sandbox its own network (default /usr/bin/pasta)
 * @param network  {@code isolated} (default): each sandbox gets its own network namespace that reaches only the
 *                 internet; {@code shared}: sandboxes share the host's network, including its loopback (unsafe,
 *                 for hosts that cannot run pasta)
 * @param outbound whether builds and apps may open connections to the internet (default true: builds fetch packages)
 * @param uidBase  when the platform runs as root, the app with id N runs as host uid {@code uidBase + N} (default 1000000)
 */
public record SandboxConfig(
        @JsonProperty("bwrap") String bwrap,
        @JsonProperty("pasta") String pasta,
        @JsonProperty("network") String network,
        @JsonProperty("outbound") Boolean outbound,
        @JsonProperty("uidBase") Long uidBase) {

    /** How sandboxes are networked. */
    public enum NetworkMode { ISOLATED, SHARED }

    public SandboxConfig {
        pasta = pasta == null || pasta.isBlank() ? "/usr/bin/pasta" : pasta;
        network = network == null || network.isBlank() ? "isolated" : network.strip().toLowerCase(Locale.ROOT);
        if (!network.equals("isolated") && !network.equals("shared")) {
            throw new IllegalArgumentException("sandbox.network must be 'isolated' or 'shared', got '" + network + "'");
        }
        outbound = outbound == null || outbound;
        uidBase = uidBase == null ? 1_000_000L : uidBase;
        if (uidBase < 1000 || uidBase > 2_000_000_000L) {
            throw new IllegalArgumentException("sandbox.uidBase must be between 1000 and 2000000000, got " + uidBase);
        }
    }

    public static SandboxConfig defaults() {
        return new SandboxConfig(null, null, null, null, null);
    }

    public Optional<Path> bwrapPath() {
        return bwrap == null || bwrap.isBlank() ? Optional.empty() : Optional.of(Path.of(bwrap));
    }

    public Path pastaPath() {
        return Path.of(pasta);
    }

    public NetworkMode networkMode() {
        return NetworkMode.valueOf(network.toUpperCase(Locale.ROOT));
    }
}
