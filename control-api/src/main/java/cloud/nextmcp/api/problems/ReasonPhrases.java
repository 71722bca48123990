package cloud.nextmcp.api.problems;

import jakarta.ws.rs.core.Response;

/** Titles of problem documents; covers the codes JAX-RS has no name for (422, 429). */
final class ReasonPhrases {
    private ReasonPhrases() {
    }

    static String of(int status) {
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            default -> {
                Response.StatusType known = Response.Status.fromStatusCode(status);
                yield known != null ? known.getReasonPhrase() : "HTTP " + status;
            }
        };
    }
}
