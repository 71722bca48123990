package cloud.nextmcp.api.auth;

import java.security.Principal;

/** The person behind an authenticated request, whichever kind of bearer token they sent. */
public record Caller(long userId, String email) implements Principal {
    @Override
    public String getName() {
        return email;
    }
}
