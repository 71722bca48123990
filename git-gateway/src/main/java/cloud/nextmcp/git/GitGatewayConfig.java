package cloud.nextmcp.git;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * Settings of the git role; every field may be left out (null) and takes its default.
 *
 * @param bindHost          address both listeners bind to (default {@code 0.0.0.0})
 * @param sshPort           git over SSH (default 2222; 0 = ephemeral)
 * @param httpPort          git over smart HTTP (default 2280; 0 = ephemeral)
 * @param maxPackBytes      largest pack a push may send (default 512 MiB)
 * @param maxCommandBytes   largest list of ref update commands a push may send (default 1 MiB)
 * @param buildWaitTimeout  how long a push to the deploy branch waits for its build (default 30 min);
 *                          after that the push is rejected, the build goes on
 * @param keepaliveInterval longest silence towards a waiting pusher (default 15 s)
 * @param pollInterval      how often a waiting push re-reads its build when no notification came (default 1 s)
 * @param maxRepositoryBytes largest an app's repository may grow by a push (default 1 GiB)
 */
public record GitGatewayConfig(
        @JsonProperty("bindHost") String bindHost,
        @JsonProperty("sshPort") Integer sshPort,
        @JsonProperty("httpPort") Integer httpPort,
        @JsonProperty("maxPackBytes") Long maxPackBytes,
        @JsonProperty("maxCommandBytes") Long maxCommandBytes,
        @JsonProperty("buildWaitTimeout") Duration buildWaitTimeout,
        @JsonProperty("keepaliveInterval") Duration keepaliveInterval,
        @JsonProperty("pollInterval") Duration pollInterval,
        @JsonProperty("maxRepositoryBytes") Long maxRepositoryBytes) {

    public static final long MIB = 1024L * 1024L;

    public GitGatewayConfig {
        bindHost = bindHost == null || bindHost.isBlank() ? "0.0.0.0" : bindHost;
        sshPort = sshPort == null ? 2222 : sshPort;
        httpPort = httpPort == null ? 2280 : httpPort;
        maxPackBytes = maxPackBytes == null ? 512 * MIB : maxPackBytes;
        maxCommandBytes = maxCommandBytes == null ? MIB : maxCommandBytes;
        buildWaitTimeout = buildWaitTimeout == null ? Duration.ofMinutes(30) : buildWaitTimeout;
        keepaliveInterval = keepaliveInterval == null ? Duration.ofSeconds(15) : keepaliveInterval;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        maxRepositoryBytes = maxRepositoryBytes == null ? 1024 * MIB : maxRepositoryBytes;
        requirePort("sshPort", sshPort);
        requirePort("httpPort", httpPort);
        requirePositive("maxPackBytes", maxPackBytes);
        requirePositive("maxCommandBytes", maxCommandBytes);
        requirePositive("buildWaitTimeout", buildWaitTimeout.toMillis());
        requirePositive("keepaliveInterval", keepaliveInterval.toMillis());
        requirePositive("maxRepositoryBytes", maxRepositoryBytes);
        if (pollInterval.toMillis() <= 0 || pollInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("git.pollInterval must be between 1 ms and 1 s, got " + pollInterval);
        }
    }

    /** All defaults. */
    public static GitGatewayConfig defaults() {
        return new GitGatewayConfig(null, null, null, null, null, null, null, null, null);
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("git." + name + " must be a port between 0 and 65535, got " + port);
        }
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException("git." + name + " must be positive, got " + value);
        }
    }
}
