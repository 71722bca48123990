package cloud.nextmcp.router.proxy;

/**
 * How an exchange ended, as the access log and the metrics see it. Whether the upstream connection
 * goes back to the pool follows from this value, never from a string.
 */
enum Outcome {
    /** Request and response both complete; the upstream connection may be reused. */
    OK("ok"),
    /** The app answered before the request body ended: the rest of the body cannot be skipped safely, both connections close. */
    EARLY_RESPONSE("early_response"),
    /** The router answered itself (unknown host, no live instance, metadata, ACME answers). */
    LOCAL("local"),
    /** No app has the host: 404, counted as an unrouted request. */
    UNROUTED("local"),
    /** A request held for a sleeping app's wake got 503: the wake failed, took too long, or autoscaling was turned off. */
    WAKE_FAILED("wake_failed"),
    /** A private app's call refused at the edge; the log shows the refusal's own label. */
    REFUSED("refused"),
    CONNECT_FAILED("connect_failed"),
    /** The app closed its connection: before an answer (502) or mid-response (the client's connection closes too). */
    UPSTREAM_CLOSED("upstream_closed"),
    BAD_RESPONSE("bad_response"),
    BAD_REQUEST("bad_request"),
    TOO_LARGE("too_large"),
    TIMEOUT("timeout"),
    CLIENT_CLOSED("client_closed"),
    /** A WebSocket (or other upgraded) tunnel ended. */
    TUNNEL_CLOSED("tunnel_closed");

    final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** Only a cleanly finished exchange leaves its upstream connection in a known state. */
    boolean reusesUpstream() {
        return this == OK;
    }
}
