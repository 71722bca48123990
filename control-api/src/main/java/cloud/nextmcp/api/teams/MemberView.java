package cloud.nextmcp.api.teams;

import cloud.nextmcp.core.accounts.Member;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

public record MemberView(String email, String name, String role,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) Instant joinedAt) {
    public static MemberView of(Member m) {
        return new MemberView(m.email(), m.name(), m.role().dbValue(), m.joinedAt());
    }
}
