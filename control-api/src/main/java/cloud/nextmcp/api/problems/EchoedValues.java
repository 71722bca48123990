package cloud.nextmcp.api.problems;

/**
 * Caps what a problem's detail echoes back of a request: a rejected value is shown quoted
 * ({@code 'value'}) so the user can find it, but a 10 MB field must not come back as a 10 MB answer.
 */
final class EchoedValues {
    static final int MAX_ECHO = 100;
    /** Whatever the quoting, no detail grows past this. */
    static final int MAX_DETAIL = 1000;

    private EchoedValues() {
    }

    /** Each quoted value longer than {@value #MAX_ECHO} characters is cut to that with '…'; one pass, no regex backtracking. */
    static String cap(String detail) {
        if (detail == null || detail.length() <= MAX_ECHO) {
            return detail;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < detail.length() && out.length() <= MAX_DETAIL) {
            int open = detail.indexOf('\'', i);
            int close = open < 0 ? -1 : detail.indexOf('\'', open + 1);
            if (close < 0) {
                out.append(detail, i, Math.min(detail.length(), i + MAX_DETAIL + 1));
                break;
            }
            out.append(detail, i, open + 1);
            if (close - open - 1 > MAX_ECHO) {
                out.append(detail, open + 1, open + 1 + MAX_ECHO).append('…');
            } else {
                out.append(detail, open + 1, close);
            }
            out.append('\'');
            i = close + 1;
        }
        return out.length() <= MAX_DETAIL ? out.toString() : out.substring(0, MAX_DETAIL) + "…";
    }
}
