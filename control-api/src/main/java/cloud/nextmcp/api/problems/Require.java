package cloud.nextmcp.api.problems;

/** Checks of request bodies that answer 400/422 with the field named. */
public final class Require {
    private Require() {
    }

    /** A request body must be present at all. */
    public static <T> T body(T body, String example) {
        if (body == null) {
            throw ApiException.badRequest("this request needs a JSON body like " + example);
        }
        return body;
    }

    /** A non-blank string field, stripped. */
    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid("'" + field + "' is required");
        }
        return value.strip();
    }

    public static String maxLength(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.invalid("'" + field + "' must be at most " + max + " characters long");
        }
        return value;
    }
}
