package cloud.nextmcp.api.github;

import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.github.DeliveryDao;
import cloud.nextmcp.core.github.DeliveryStatus;
import cloud.nextmcp.core.github.GithubConfig;
import cloud.nextmcp.core.github.GithubConnection;
import cloud.nextmcp.core.github.GithubConnectionDao;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/github/webhook}. The signature is checked over the raw bytes before anything
 * is parsed; the delivery is stored (its id makes a redelivery a no-op) and queued for the GitHub
 * worker (NOTIFY {@code github}) before the answer, which therefore never waits for a build.
 */
@Path("/api/v1/github/webhook")
@Produces(MediaType.APPLICATION_JSON)
public final class WebhookResource {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookResource.class);
    static final int MAX_BODY_BYTES = 25 * 1024 * 1024;

    private final GithubConfig config;
    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final WebhookSignature signature;

    public WebhookResource(GithubConfig config, Jdbi jdbi, ObjectMapper json) {
        this.config = config;
        this.jdbi = jdbi;
        this.json = json;
        this.signature = config.enabled() ? new WebhookSignature(config.webhookSecret()) : null;
    }

    public record Answer(String delivery, String status, String outcome) {
    }

    @POST
    public Response receive(@HeaderParam("X-Hub-Signature-256") String signed, @HeaderParam("X-GitHub-Event") String event,
                            @HeaderParam("X-GitHub-Delivery") String deliveryId, byte[] body) {
        if (signature == null) {
            throw ApiException.notFound("GitHub is not set up on this platform: the operator sets github.webhookSecret "
                    + "(see docs/github.md)");
        }
        if (body == null || !signature.verify(body, signed)) {
            LOG.warn("GitHub webhook delivery {} ({}) refused: missing or wrong X-Hub-Signature-256", deliveryId, event);
            throw new ApiException(401, "bad-signature", "the X-Hub-Signature-256 header does not match this body under "
                    + "the platform's webhook secret: set the same secret in the GitHub webhook's settings");
        }
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 100 || event == null || event.isBlank()) {
            throw ApiException.badRequest("X-GitHub-Delivery and X-GitHub-Event headers are required");
        }
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not JSON: send webhooks with content type application/json");
        }
        String action = text(payload, "action");
        String repository = Optional.ofNullable(text(payload.path("repository"), "full_name"))
                .map(r -> r.toLowerCase(java.util.Locale.ROOT)).orElse(null);
        return jdbi.inTransaction(h -> {
            Optional<GithubConnection> connection = repository == null ? Optional.empty()
                    : h.attach(GithubConnectionDao.class).ofRepository(repository);
            DeliveryStatus status;
            String outcome;
            if ("ping".equals(event)) {
                status = DeliveryStatus.DONE;
                outcome = "pong";
            } else if (connection.isEmpty()) {
                status = DeliveryStatus.IGNORED;
                outcome = repository == null ? "no repository in the payload" : "no app is connected to " + repository;
            } else {
                status = DeliveryStatus.QUEUED;
                outcome = null;
            }
            Long appId = connection.map(GithubConnection::appId).orElse(null);
            int inserted = h.attach(DeliveryDao.class).insert(deliveryId, event, action, repository, appId,
                    new String(body, StandardCharsets.UTF_8), status.name(), outcome);
            if (inserted == 0) {
                LOG.info("GitHub delivery {} ({}) received again: already stored, nothing done", deliveryId, event);
                return Response.ok(new Answer(deliveryId, "duplicate", "this delivery was received before")).build();
            }
            if (status == DeliveryStatus.QUEUED) {
                EventBus.publish(h, Channels.GITHUB, deliveryId);
            }
            LOG.info("GitHub delivery {} ({}{}) for {}: {}", deliveryId, event, action == null ? "" : " " + action, repository,
                    outcome == null ? "queued for app id " + appId : outcome);
            return Response.status(status == DeliveryStatus.QUEUED ? 202 : 200)
                    .entity(new Answer(deliveryId, status.name().toLowerCase(java.util.Locale.ROOT), outcome)).build();
        });
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    /** What a caller sees for an app's deliveries. */
    static Map<String, Object> view(cloud.nextmcp.core.github.Delivery d) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("id", d.id());
        out.put("event", d.action() == null ? d.event() : d.event() + "." + d.action());
        out.put("repository", d.repository());
        out.put("receivedAt", d.receivedAt().toString());
        out.put("status", d.status().name().toLowerCase(java.util.Locale.ROOT));
        out.put("outcome", d.outcome());
        return out;
    }
}
