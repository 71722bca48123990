package cloud.nextmcp.api.tokens;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.List;

/** The answer to creating a token: the only time the secret {@code token} is ever shown. */
public record CreatedTokenView(long id, String name, String token, String prefix,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
                               @JsonFormat(shape = JsonFormat.Shape.STRING) Instant expiresAt, String app, List<String> scopes) {
}
