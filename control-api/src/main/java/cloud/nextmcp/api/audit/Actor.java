package cloud.nextmcp.api.audit;

/** Who made a change and from where, as the audit log records it. */
public record Actor(Long userId, String email, String sourceIp) {
}
