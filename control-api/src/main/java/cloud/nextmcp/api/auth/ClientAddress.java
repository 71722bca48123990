package cloud.nextmcp.api.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's IP address, for the audit log and the rate limit. Behind a reverse proxy the
 * socket peer is the proxy; then (and only then, {@code trustForwardedFor}) the last
 * {@code X-Forwarded-For} entry is used: it is the one our proxy appended, while earlier entries
 * are whatever the client chose to send.
 */
public record ClientAddress(boolean trustForwardedFor) {
    public String of(HttpServletRequest request) {
        if (trustForwardedFor) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                return hops[hops.length - 1].strip();
            }
        }
        return request.getRemoteAddr();
    }
}
