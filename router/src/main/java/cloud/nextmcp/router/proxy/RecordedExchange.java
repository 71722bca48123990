package cloud.nextmcp.router.proxy;

import cloud.nextmcp.router.access.Refusal;
import cloud.nextmcp.router.metrics.TrafficMetrics;
import cloud.nextmcp.router.routes.Backend;
import cloud.nextmcp.router.routes.Route;
import cloud.nextmcp.router.wake.AppActivity;
import io.netty.handler.codec.http.HttpRequest;

/** What is known about an exchange as it goes, read by the observers once it ends; {@link Exchange} moves it. */
abstract class RecordedExchange implements ExchangeRecord {
    final ClientHandler conn;
    final HttpRequest request;
    final String host;
    final Route route;
    final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    private Outcome outcome;
    private Refusal refusal;
    private long totalNanos;
    Backend backend;
    McpCallCapture mcp;
    int status;
    long bytesIn;
    long bytesOut;
    long headerNanos = -1;
    String subject;
    boolean stream;
    TrafficMetrics appMetrics;
    TrafficMetrics instanceMetrics;
    /** Scale to zero: the autoscaled app's load counters while proxied (null when it does not autoscale). */
    private AppActivity activity;

    RecordedExchange(ClientHandler conn, HttpRequest request, String host, Route route) {
        this.conn = conn;
        this.request = request;
        this.host = host;
        this.route = route;
    }

    /** The exchange reaches an instance: it counts as in flight for the autoscaler until it ends. */
    final void countActivity(AppActivity a) {
        activity = a;
        if (a != null) {
            a.begin();
        }
    }

    /** An open stream keeps an autoscaled app awake for as long as it is open. */
    final void activityStreamOpened() {
        if (activity != null) {
            activity.streamOpened();
        }
    }

    final void activityEnded() {
        if (activity != null) {
            activity.end();
            if (stream) {
                activity.streamClosed();
            }
            activity = null;
        }
    }

    void refused(Refusal r) {
        this.refusal = r;
    }

    void subject(String s) {
        this.subject = s;
    }

    /** Whether it was published already: a tunnel's two sides both report their close. */
    final boolean ended() {
        return outcome != null;
    }

    final void ended(Outcome why) {
        outcome = why;
        totalNanos = System.nanoTime() - startNanos;
    }

    @Override
    public Outcome outcome() {
        return outcome;
    }

    @Override
    public Refusal refusal() {
        return refusal;
    }

    @Override
    public long startMillis() {
        return startMillis;
    }

    @Override
    public long totalNanos() {
        return totalNanos;
    }

    @Override
    public long headerNanos() {
        return headerNanos;
    }

    @Override
    public String client() {
        return conn.clientIp();
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String uri() {
        return request.uri();
    }

    @Override
    public int status() {
        return status == 0 ? 499 : status;
    }

    @Override
    public Route route() {
        return route;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public long bytesIn() {
        return bytesIn;
    }

    @Override
    public long bytesOut() {
        return bytesOut;
    }

    @Override
    public String mcpMethod() {
        return mcp == null ? null : mcp.method();
    }

    @Override
    public String mcpName() {
        return mcp == null ? null : mcp.name();
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public boolean stream() {
        return stream;
    }

    @Override
    public TrafficMetrics appMetrics() {
        return appMetrics;
    }

    @Override
    public TrafficMetrics instanceMetrics() {
        return instanceMetrics;
    }
}
