package cloud.nextmcp.router.proxy;

/**
 * Where a proxied exchange is on its response side. The request side runs beside it and only
 * needs to know whether its last content has gone ({@link Exchange#requestDone()}): an app may
 * answer before the body ends (early response), so the two are not one sequence.
 */
enum Phase {
    /**
     * Not routed yet, its body buffered and the client's reading paused: the app is asleep and the
     * request waits for its wake (scale to zero), or the edge decides a private call again on a
     * fresher access snapshot. Released to AWAITING_RESPONSE, or answered by the router (503, 401, 403).
     */
    HELD,
    /** Routed to an instance; the connection is being obtained or the request sent; no byte of an answer yet. */
    AWAITING_RESPONSE,
    /** A 1xx interim answer (100 Continue) is being relayed. */
    INTERIM,
    /** A 1xx went through; the final answer is still due. */
    AFTER_INTERIM,
    /** The final response head went to the client; its body is streaming. */
    RESPONDING,
    /** The whole answer (the app's or an error page) went to the client; the exchange finishes at once. */
    RESPONDED,
    /** 101 Switching Protocols: bytes are relayed raw both ways until either side closes. */
    TUNNEL,
    /** Published; the upstream connection was returned or closed. */
    FINISHED;

    /** Anything after AWAITING_RESPONSE means the app has sent something, so the request cannot be retried. */
    boolean upstreamAnswered() {
        return this != HELD && this != AWAITING_RESPONSE;
    }

    /** The client has received the start of a final answer: an error page can no longer replace it. */
    boolean responseStarted() {
        return this == RESPONDING || this == RESPONDED || this == TUNNEL;
    }
}
