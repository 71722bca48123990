package cloud.nextmcp.api.auth;

import cloud.nextmcp.api.users.UserView;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/** What register, login and refresh answer: who you are and the tokens to act as that person. */
public record SessionView(UserView user, String accessToken,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) Instant accessTokenExpiresAt,
                          String refreshToken,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) Instant refreshTokenExpiresAt) {
}
