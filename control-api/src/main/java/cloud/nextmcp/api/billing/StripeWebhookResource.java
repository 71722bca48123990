package cloud.nextmcp.api.billing;

import cloud.nextmcp.api.problems.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stripe's webhook endpoint. The signature is checked over the raw bytes before anything is
 * parsed; an unsigned or badly signed request is 400 and changes nothing.
 */
@Path("/api/v1/billing/stripe/webhook")
public final class StripeWebhookResource {
    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhookResource.class);

    private final StripeSignature signature;
    private final StripeEvents events;
    private final ObjectMapper mapper;

    public StripeWebhookResource(StripeSignature signature, StripeEvents events, ObjectMapper mapper) {
        this.signature = signature;
        this.events = events;
        this.mapper = mapper;
    }

    public record Received(boolean received, boolean duplicate) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Received receive(@HeaderParam("Stripe-Signature") String header, byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        String problem = signature.problem(header, raw);
        if (problem != null) {
            LOG.warn("Stripe webhook refused: {}", problem);
            throw ApiException.badRequest("the Stripe signature does not verify: " + problem);
        }
        JsonNode event;
        try {
            event = mapper.readTree(raw);
        } catch (IOException e) {
            throw ApiException.badRequest("the event is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw ApiException.badRequest("the event is not a JSON object");
        }
        return new Received(true, !events.process(event));
    }

    /** While billing is off the endpoint exists but says so, and changes nothing. */
    @Path("/api/v1/billing/stripe/webhook")
    public static final class Disabled {
        @POST
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.APPLICATION_JSON)
        public Map<String, Object> receive() {
            throw ApiException.notFound("billing is off on this platform (billing.enabled: false)");
        }
    }
}
