package cloud.nextmcp.router;

import java.time.Duration;
import java.util.List;

/**
 * Configuration of the router role, read once at start. Every field may be omitted (null) and
 * then takes the default documented in docs/router.md.
 */
public record RouterConfig(
        String bindHost,
        Integer port,
        Integer adminPort,
        String appsDomain,
        Integer ioThreads,
        Duration connectTimeout,
        Duration upstreamResponseTimeout,
        Duration headerReadTimeout,
        Duration idleTimeout,
        Duration upstreamIdleTimeout,
        Duration shutdownGrace,
        Duration reloadInterval,
        Duration sessionIdleTimeout,
        Integer maxHeaderBytes,
        Integer maxRequestLineBytes,
        Long maxBodyBytes,
        Integer mcpSniffBytes,
        Integer mcpLabelsPerApp,
        Boolean accessLog,
        Boolean metricsToDatabase,
        Integer retryAfterSeconds,
        Tls tls,
        Integer httpsPort,
        String transport) {

    public RouterConfig {
        bindHost = bindHost == null ? "0.0.0.0" : bindHost;
        port = port == null ? 8080 : port;
        adminPort = adminPort == null ? 8081 : adminPort;
        appsDomain = normalizeDomain(appsDomain == null ? "localhost" : appsDomain);
        ioThreads = ioThreads == null || ioThreads <= 0 ? Runtime.getRuntime().availableProcessors() : ioThreads;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        upstreamResponseTimeout = upstreamResponseTimeout == null ? Duration.ofSeconds(60) : upstreamResponseTimeout;
        headerReadTimeout = headerReadTimeout == null ? Duration.ofSeconds(10) : headerReadTimeout;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(75) : idleTimeout;
        upstreamIdleTimeout = upstreamIdleTimeout == null ? Duration.ofSeconds(50) : upstreamIdleTimeout;
        shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(30) : shutdownGrace;
        reloadInterval = reloadInterval == null ? Duration.ofSeconds(5) : reloadInterval;
        sessionIdleTimeout = sessionIdleTimeout == null ? Duration.ofHours(1) : sessionIdleTimeout;
        maxHeaderBytes = maxHeaderBytes == null ? 16 * 1024 : maxHeaderBytes;
        maxRequestLineBytes = maxRequestLineBytes == null ? 8 * 1024 : maxRequestLineBytes;
        maxBodyBytes = maxBodyBytes == null ? 10L * 1024 * 1024 : maxBodyBytes;
        mcpSniffBytes = mcpSniffBytes == null ? 4096 : mcpSniffBytes;
        mcpLabelsPerApp = mcpLabelsPerApp == null ? 50 : mcpLabelsPerApp;
        if (mcpLabelsPerApp < 1) {
            throw new IllegalArgumentException("router.mcpLabelsPerApp must be at least 1 (it was " + mcpLabelsPerApp
                    + "): it is how many MCP method/tool pairs of one app get their own metric labels");
        }
        accessLog = accessLog == null ? Boolean.TRUE : accessLog;
        metricsToDatabase = metricsToDatabase == null ? Boolean.TRUE : metricsToDatabase;
        retryAfterSeconds = retryAfterSeconds == null ? 5 : retryAfterSeconds;
        tls = tls == null ? Tls.DISABLED : tls;
        if (httpsPort != null) {
            // router.httpsPort is the short way to say router.tls.port; both at once must agree.
            if (tls.port() != null && !tls.port().equals(httpsPort)) {
                throw new IllegalArgumentException("router.httpsPort (" + httpsPort + ") and router.tls.port (" + tls.port()
                        + ") differ: set one of them");
            }
            tls = new Tls(httpsPort, tls.certificates(), tls.devSelfSigned());
        }
        httpsPort = tls.port();
        transport = transport == null ? "auto" : transport.strip().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("auto", "io_uring", "epoll", "nio").contains(transport)) {
            throw new IllegalArgumentException("router.transport must be auto, io_uring, epoll or nio (it was '" + transport + "')");
        }
        if (port < 0 || port > 65535 || adminPort < 0 || adminPort > 65535) {
            throw new IllegalArgumentException("router.port and router.adminPort must be between 0 and 65535");
        }
    }

    /** All defaults. */
    public static RouterConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String normalizeDomain(String domain) {
        String d = domain.trim().toLowerCase(java.util.Locale.ROOT);
        while (d.startsWith(".")) {
            d = d.substring(1);
        }
        if (d.isEmpty()) {
            throw new IllegalArgumentException("router.appsDomain must not be empty");
        }
        return d;
    }

    /**
     * TLS termination: a separate listener on {@code port} that picks a certificate by SNI: a
     * verified custom domain's own (from the database), else one of {@code certificates}, else a
     * generated self-signed one for the apps domain. Off unless {@code port} is set.
     */
    public record Tls(Integer port, List<Certificate> certificates, Boolean devSelfSigned) {
        public static final Tls DISABLED = new Tls(null, null, null);

        public Tls {
            certificates = certificates == null ? List.of() : List.copyOf(certificates);
            devSelfSigned = devSelfSigned != null && devSelfSigned;
            if (port != null && (port < 0 || port > 65535)) {
                throw new IllegalArgumentException("router.tls.port must be between 0 and 65535");
            }
        }

        public boolean enabled() {
            return port != null;
        }
    }

    /** A PEM certificate chain and its PEM private key, served for the given host names (wildcards like *.example.com allowed). */
    public record Certificate(List<String> hostnames, String certFile, String keyFile) {
        public Certificate {
            hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
            if (certFile == null || keyFile == null) {
                throw new IllegalArgumentException("router.tls.certificates entries need certFile and keyFile");
            }
        }
    }

    /** For tests and embedding: start from the defaults and change a few fields. */
    public static final class Builder {
        private String bindHost;
        private Integer port;
        private Integer adminPort;
        private String appsDomain;
        private Integer ioThreads;
        private Duration connectTimeout;
        private Duration upstreamResponseTimeout;
        private Duration headerReadTimeout;
        private Duration idleTimeout;
        private Duration upstreamIdleTimeout;
        private Duration shutdownGrace;
        private Duration reloadInterval;
        private Duration sessionIdleTimeout;
        private Integer maxHeaderBytes;
        private Integer maxRequestLineBytes;
        private Long maxBodyBytes;
        private Integer mcpSniffBytes;
        private Integer mcpLabelsPerApp;
        private Boolean accessLog;
        private Boolean metricsToDatabase;
        private Integer retryAfterSeconds;
        private Tls tls;
        private String transport;

        public Builder bindHost(String v) { bindHost = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder adminPort(int v) { adminPort = v; return this; }
        public Builder appsDomain(String v) { appsDomain = v; return this; }
        public Builder ioThreads(int v) { ioThreads = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder upstreamResponseTimeout(Duration v) { upstreamResponseTimeout = v; return this; }
        public Builder headerReadTimeout(Duration v) { headerReadTimeout = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder upstreamIdleTimeout(Duration v) { upstreamIdleTimeout = v; return this; }
        public Builder shutdownGrace(Duration v) { shutdownGrace = v; return this; }
        public Builder reloadInterval(Duration v) { reloadInterval = v; return this; }
        public Builder sessionIdleTimeout(Duration v) { sessionIdleTimeout = v; return this; }
        public Builder maxHeaderBytes(int v) { maxHeaderBytes = v; return this; }
        public Builder maxRequestLineBytes(int v) { maxRequestLineBytes = v; return this; }
        public Builder maxBodyBytes(long v) { maxBodyBytes = v; return this; }
        public Builder mcpSniffBytes(int v) { mcpSniffBytes = v; return this; }
        public Builder mcpLabelsPerApp(int v) { mcpLabelsPerApp = v; return this; }
        public Builder accessLog(boolean v) { accessLog = v; return this; }
        public Builder metricsToDatabase(boolean v) { metricsToDatabase = v; return this; }
        public Builder retryAfterSeconds(int v) { retryAfterSeconds = v; return this; }
        public Builder tls(Tls v) { tls = v; return this; }
        public Builder transport(String v) { transport = v; return this; }

        public RouterConfig build() {
            return new RouterConfig(bindHost, port, adminPort, appsDomain, ioThreads, connectTimeout,
                    upstreamResponseTimeout, headerReadTimeout, idleTimeout, upstreamIdleTimeout, shutdownGrace,
                    reloadInterval, sessionIdleTimeout, maxHeaderBytes, maxRequestLineBytes, maxBodyBytes,
                    mcpSniffBytes, mcpLabelsPerApp, accessLog, metricsToDatabase, retryAfterSeconds, tls, null, transport);
        }
    }
}
