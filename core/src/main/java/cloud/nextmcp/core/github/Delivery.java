package cloud.nextmcp.core.github;

import java.time.Instant;

public record Delivery(String id, String event, String action, String repository, Long appId, String payload,
                       DeliveryStatus status, String outcome, Instant receivedAt, Instant processedAt) {
}
