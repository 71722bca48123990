package cloud.nextmcp.api.tokens;

import cloud.nextmcp.core.accounts.ApiToken;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.List;

/** An API token in listings: its prefix only, never the secret. */
public record TokenView(long id, String name, String prefix,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant lastUsedAt,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant expiresAt, String app, List<String> scopes) {
    /** app: the name of the app the token is bound to, or null. */
    public static TokenView of(ApiToken t, String app) {
        return new TokenView(t.id(), t.name(), t.prefix(), t.createdAt(), t.lastUsedAt(), t.expiresAt(), app, List.of(t.scopes()));
    }
}
