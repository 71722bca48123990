package cloud.nextmcp.router.routes;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One live, healthy instance that can take requests. The same object survives route reloads
 * while the instance lives, so its count of outstanding requests stays accurate for balancing.
 */
public final class Backend {
    private final String instanceId;
    private final String host;
    private final int port;
    private final String address;
    private final String upstreamHost;
    private final AtomicInteger outstanding = new AtomicInteger();

    public Backend(String instanceId, String address) {
        this.instanceId = instanceId;
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("Instance " + instanceId + " has address '" + address + "', expected host:port");
        }
        String h = address.substring(0, colon);
        this.host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        this.port = Integer.parseInt(address.substring(colon + 1));
        this.address = this.host.indexOf(':') >= 0 ? "[" + this.host + "]:" + this.port : this.host + ":" + this.port;
        this.upstreamHost = "localhost:" + this.port;
    }

    public String instanceId() {
        return instanceId;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** host:port, the key of pooled upstream connections. */
    public String address() {
        return address;
    }

    /**
     * The Host header the instance receives: {@code localhost:PORT}, how the app sees itself inside its sandbox.
     * The MCP SDKs' DNS-rebinding guards (on by default for servers bound to localhost) accept only local
     * names, so a default SDK server works behind the router unchanged; the router has already checked the
     * public name, which travels in X-Forwarded-Host and Forwarded.
     */
    public String upstreamHost() {
        return upstreamHost;
    }

    public int outstanding() {
        return outstanding.get();
    }

    public void begin() {
        outstanding.incrementAndGet();
    }

    public void end() {
        outstanding.decrementAndGet();
    }

    @Override
    public String toString() {
        return instanceId + "@" + address();
    }
}
