package cloud.nextmcp.api.teams;

import cloud.nextmcp.core.invitations.Invitation;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Locale;

/**
 * An invitation as the API shows it. {@code code} and {@code url} are set only in the answer that
 * created it: the secret is stored hashed and cannot be shown again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvitationView(long id, String team, String email, String role, String state, String invitedBy,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) Instant expiresAt,
                             String code, String url) {
    public static InvitationView of(Invitation i, Instant now) {
        return new InvitationView(i.id(), i.teamName(), i.email(), i.role().dbValue(),
                i.state(now).name().toLowerCase(Locale.ROOT), i.invitedBy(), i.createdAt(), i.expiresAt(), null, null);
    }

    public static InvitationView created(Invitations.Created c, Instant now) {
        InvitationView v = of(c.invitation(), now);
        return new InvitationView(v.id(), v.team(), v.email(), v.role(), v.state(), v.invitedBy(), v.createdAt(),
                v.expiresAt(), c.code(), c.url());
    }
}
