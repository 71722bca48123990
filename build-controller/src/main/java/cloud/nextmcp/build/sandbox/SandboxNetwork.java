package cloud.nextmcp.build.sandbox;

/**
 * What a sandbox may do on the network.
 *
 * @param outbound    whether it may open connections to the internet (never to the host, private ranges or
 *                    link-local addresses such as the cloud metadata service)
 * @param inboundPort the port the host may connect to on {@code 127.0.0.1} (forwarded into the sandbox's own
 *                    loopback), or 0 for none
 */
public record SandboxNetwork(boolean outbound, int inboundPort) {
    public SandboxNetwork {
        if (inboundPort < 0 || inboundPort > 65535) {
            throw new IllegalArgumentException("inboundPort must be a port or 0, got " + inboundPort);
        }
    }

    /** Loopback only. */
    public static SandboxNetwork none() {
        return new SandboxNetwork(false, 0);
    }
}
