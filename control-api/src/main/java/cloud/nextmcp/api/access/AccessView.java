package cloud.nextmcp.api.access;

import cloud.nextmcp.core.apps.AppGrant;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.List;

/** Who may call an app: its visibility and the users granted access besides its team. */
public record AccessView(String app, String visibility, List<Grant> grants) {

    public record Grant(String email, String grantedBy, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt) {
        static Grant of(AppGrant g) {
            return new Grant(g.email(), g.grantedByEmail(), g.createdAt());
        }
    }
}
