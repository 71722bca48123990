package cloud.nextmcp.router.access;

/** Why the edge refused a call to a private app; {@code label} is the metric label and the access log outcome. */
public enum Refusal {
    /** No Authorization header: 401, the client is told where to get a token. */
    NO_TOKEN("no_token", 401, null, false, "This app is private: send 'Authorization: Bearer <token>'."),
    /** Unknown, revoked, expired, malformed or wrongly signed: 401 invalid_token. */
    BAD_TOKEN("bad_token", 401, "invalid_token", true, "The token is unknown, revoked or expired."),
    /** A token bound to another app: 401 invalid_token. */
    WRONG_AUDIENCE("wrong_audience", 401, "invalid_token", true, "The token was issued for another app."),
    /** A valid token without scope mcp: 403 insufficient_scope. */
    INSUFFICIENT_SCOPE("insufficient_scope", 403, "insufficient_scope", false, "The token lacks scope 'mcp'."),
    /** A valid token whose user is neither in the app's team nor granted access (any more): 403. */
    NO_RIGHT("no_right", 403, null, true, "You may not call this app: ask an admin of its team for access."),
    /** A token in the query string (it would end up in logs and browser history): 400 invalid_request. */
    TOKEN_IN_QUERY("token_in_query", 400, "invalid_request", false, "Tokens in the query string are refused; use the Authorization header.");

    public final String label;
    public final int status;
    /** The RFC 6750 error code, or null. */
    public final String error;
    public final String detail;
    /**
     * Whether data committed moments ago could turn this refusal into a pass (a new token, signing key,
     * grant, membership or consent), so that it is decided again on a fresher snapshot before it is sent.
     */
    public final boolean fresherDataMayAllow;

    Refusal(String label, int status, String error, boolean fresherDataMayAllow, String detail) {
        this.label = label;
        this.status = status;
        this.error = error;
        this.fresherDataMayAllow = fresherDataMayAllow;
        this.detail = detail;
    }
}
