package cloud.nextmcp.api.problems;

/**
 * Whole-number query parameters with a range. Taken as text, because JAX-RS answers a query
 * parameter that is not a number with a bare 404; here it is a 422 that names the parameter.
 */
public final class QueryNumbers {
    private QueryNumbers() {
    }

    /** {@code value} as an int in {@code [min, max]}; {@code otherwise} when absent. */
    public static int bounded(String value, String name, int otherwise, int min, int max) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, with the rule
        }
        throw ApiException.invalid("'" + name + "' must be a whole number between " + min + " and " + max
                + ", got '" + value + "'");
    }
}
