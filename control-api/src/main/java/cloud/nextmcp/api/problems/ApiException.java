package cloud.nextmcp.api.problems;

import java.util.HashMap;
import java.util.Map;

/**
 * An error the API answers on purpose, with a status and a message for the person who sent the
 * request. {@link ApiExceptionMapper} turns it into a problem document.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String slug;
    private final transient Map<String, String> headers;

    public ApiException(int status, String slug, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.headers = Map.copyOf(headers);
    }

    public ApiException(int status, String slug, String detail) {
        this(status, slug, detail, Map.of());
    }

    /** 400: the request cannot be read at all. */
    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad-request", detail);
    }

    /** 401 when no usable credentials came with the request (none, wrong password, spent refresh token). */
    public static ApiException authenticationRequired(String detail) {
        return new ApiException(401, "unauthenticated", detail, Map.of("WWW-Authenticate", "Bearer realm=\"nextmcp\""));
    }

    /** 401 for a bearer token that was sent but is not valid, with the challenge RFC 6750 asks for. */
    public static ApiException invalidToken(String detail) {
        return new ApiException(401, "invalid-token", detail,
                Map.of("WWW-Authenticate", "Bearer realm=\"nextmcp\", error=\"invalid_token\""));
    }

    /** 403: the caller can see the thing, but their role may not do this to it. */
    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", detail);
    }

    /** 422: well-formed JSON whose values break a rule; the detail names the rule. */
    public static ApiException invalid(String detail) {
        return new ApiException(422, "invalid-input", detail);
    }

    public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiException(429, "rate-limited", detail, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    /**
     * The same answer, telling the client to open a new connection for its next request. Filters
     * that refuse a request before its body was read use this: the unread body makes the
     * connection unusable, and a client that reused it would see it closed under it.
     */
    public ApiException closingConnection() {
        Map<String, String> withClose = new HashMap<>(headers);
        withClose.put("Connection", "close");
        return new ApiException(status, slug, getMessage(), withClose);
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return Problem.of(status, slug, getMessage());
    }

    public Map<String, String> headers() {
        return headers;
    }
}
