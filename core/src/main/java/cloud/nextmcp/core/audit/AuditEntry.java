package cloud.nextmcp.core.audit;

import java.time.Instant;

/** One change made by a person: who, what, to what, when, from where. {@code detail} is a JSON object. */
public record AuditEntry(long id, Instant at, Long actorId, String actorEmail, String action, String target,
                         String detail, String sourceIp) {
}
