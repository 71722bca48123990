package cloud.nextmcp.api.access;

import cloud.nextmcp.core.apps.AppGrant;
import cloud.nextmcp.core.apps.AppTokenGrant;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.List;

/** Who may call an app: its visibility, and the users and API tokens granted access besides its team. */
public record AccessView(String app, String visibility, List<Grant> grants, List<TokenGrant> tokenGrants) {

    public record Grant(String email, String grantedBy, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt) {
        static Grant of(AppGrant g) {
            return new Grant(g.email(), g.grantedByEmail(), g.createdAt());
        }
    }

    /** A token grant names the token and its owner, never the secret. */
    public record TokenGrant(long tokenId, String tokenName, String owner, String grantedBy,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt) {
        static TokenGrant of(AppTokenGrant g) {
            return new TokenGrant(g.tokenId(), g.tokenName(), g.ownerEmail(), g.grantedByEmail(), g.createdAt());
        }
    }
}
