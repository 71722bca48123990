package cloud.nextmcp.api.auth;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** Carries the authenticated {@link Caller} to {@code @Auth} parameters. Team roles are checked per resource, not here. */
record CallerSecurityContext(Caller caller, boolean secure) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
        return caller;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
