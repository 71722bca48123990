package cloud.nextmcp.api.audit;

import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.auth.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;

/** Makes the {@link Actor} of a request: the caller plus the client address. */
public record Actors(ClientAddress clientAddress) {
    public Actor of(Caller caller, HttpServletRequest request) {
        return new Actor(caller.userId(), caller.email(), clientAddress.of(request));
    }

    /** Before anyone is signed in (register, login): the account the request is about. */
    public Actor of(long userId, String email, HttpServletRequest request) {
        return new Actor(userId, email, clientAddress.of(request));
    }
}
