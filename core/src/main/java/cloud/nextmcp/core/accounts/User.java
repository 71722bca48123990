package cloud.nextmcp.core.accounts;

import java.time.Instant;

public record User(long id, String email, String name, String passwordHash, Instant createdAt) {
    @Override
    public String toString() {
        return "User[" + id + ", " + email + "]";
    }
}
