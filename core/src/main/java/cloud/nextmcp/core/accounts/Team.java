package cloud.nextmcp.core.accounts;

import java.time.Instant;

public record Team(long id, String name, boolean personal, Instant createdAt) {
}
