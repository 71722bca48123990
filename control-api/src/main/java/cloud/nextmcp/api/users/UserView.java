package cloud.nextmcp.api.users;

import cloud.nextmcp.core.accounts.User;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/** A user as the API shows it; never the password hash. */
public record UserView(long id, String email, String name,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt) {
    public static UserView of(User user) {
        return new UserView(user.id(), user.email(), user.name(), user.createdAt());
    }
}
