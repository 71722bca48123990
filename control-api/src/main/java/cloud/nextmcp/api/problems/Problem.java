package cloud.nextmcp.api.problems;

/**
 * An RFC 9457 problem document: the body of every error the API answers.
 *
 * @param type   {@code about:blank} for plain HTTP errors, else {@code https://nextmcp.dev/problems/<slug>}
 * @param title  the HTTP reason phrase
 * @param status the HTTP status code
 * @param detail one sentence a person can act on
 */
public record Problem(String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://nextmcp.dev/problems/";

    /** @param detail may quote rejected values; long ones are cut ({@link EchoedValues}) */
    public static Problem of(int status, String slug, String detail) {
        return new Problem(slug == null ? "about:blank" : TYPE_BASE + slug, ReasonPhrases.of(status), status,
                EchoedValues.cap(detail));
    }
}
