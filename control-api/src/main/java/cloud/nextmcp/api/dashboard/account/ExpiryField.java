package cloud.nextmcp.api.dashboard.account;

import cloud.nextmcp.api.problems.ApiException;

/** The token forms' "Expires in days" field: empty means no expiry; the range is the API's to check. */
public final class ExpiryField {
    private ExpiryField() {
    }

    public static Integer days(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(field.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("'Expires in days' must be a whole number, or empty for no expiry");
        }
    }
}
