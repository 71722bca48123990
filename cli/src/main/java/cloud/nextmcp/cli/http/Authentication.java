package cloud.nextmcp.cli.http;

import java.util.Optional;

/** Supplies the bearer token for API calls and, where it can, a fresh one after a 401. */
public interface Authentication {

    /** The token to send now; implementations renew it first when they know it has expired. */
    Optional<String> bearerToken();

    /**
     * The API rejected the current token. Returns true when a new token is ready, so the
     * request is worth one more try.
     */
    boolean renewAfterRejection();

    Authentication NONE = new Authentication() {
        @Override
        public Optional<String> bearerToken() {
            return Optional.empty();
        }

        @Override
        public boolean renewAfterRejection() {
            return false;
        }
    };

    /** A token that cannot be renewed: an API token from {@code NEXTMCP_TOKEN} or {@code login --token}. */
    static Authentication fixedToken(String token) {
        return new Authentication() {
            @Override
            public Optional<String> bearerToken() {
                return Optional.of(token);
            }

            @Override
            public boolean renewAfterRejection() {
                return false;
            }
        };
    }
}
