package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.access.Refusal;
import cloud.nextmcp.router.metrics.TrafficMetrics;
import cloud.nextmcp.router.routes.Backend;
import cloud.nextmcp.router.routes.Route;

/**
 * The one event an exchange publishes when it ends (and, for streams, when its stream opens): a
 * read-only view of the finished exchange itself, so publishing allocates nothing. Consumers are
 * {@link ExchangeObserver}s: the access log and the metrics.
 */
interface ExchangeRecord {
    Outcome outcome();

    /** Set when the outcome is {@link Outcome#REFUSED}. */
    Refusal refusal();

    long startMillis();

    /** From the request head to the end of the exchange. */
    long totalNanos();

    /** From the request head to the app's response head, or -1 when none came. */
    long headerNanos();

    String client();

    String host();

    String method();

    /** The URI the client sent (with any path-form prefix). */
    String uri();

    /** The status the client received; 499 when the client left before any. */
    int status();

    /** Null when no app has the host. */
    Route route();

    /** Null when no instance was chosen. */
    Backend backend();

    long bytesIn();

    long bytesOut();

    /** The MCP method and tool/prompt name of the call, each possibly null. */
    String mcpMethod();

    String mcpName();

    /** The caller of a private app; null for public apps. */
    String subject();

    /** A response that stays open (SSE or a tunnel): counted as an open stream until the exchange ends. */
    boolean stream();

    /** The app's and the instance's counters, looked up once per connection and route; null without a route or instance. */
    TrafficMetrics appMetrics();

    TrafficMetrics instanceMetrics();
}
