package cloud.nextmcp.api.billing;

import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.core.billing.PlanStanding;
import cloud.nextmcp.core.billing.StripeEventDao;
import cloud.nextmcp.core.billing.TeamBilling;
import cloud.nextmcp.core.billing.TeamBillingDao;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.StripeException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verified Stripe events, each processed once: the event id is inserted in the transaction that
 * applies it, so a replay finds it and does nothing, and a failure (Stripe unreachable) rolls it
 * back for Stripe's next retry. A subscription's state is always read back from Stripe, never
 * taken from the event: events arrive out of order, the current state does not.
 */
public final class StripeEvents {
    private static final Logger LOG = LoggerFactory.getLogger(StripeEvents.class);

    private final Jdbi jdbi;
    private final StripeGateway stripe;
    private final BillingService billing;
    private final Clock clock;

    public StripeEvents(Jdbi jdbi, StripeGateway stripe, BillingService billing, Clock clock) {
        this.jdbi = jdbi;
        this.stripe = stripe;
        this.billing = billing;
        this.clock = clock;
    }

    /** False for an event processed before (a replay). */
    public boolean process(JsonNode event) {
        String id = event.path("id").asText("");
        String type = event.path("type").asText("");
        if (id.isEmpty() || type.isEmpty()) {
            throw ApiException.badRequest("the event has no id or type");
        }
        JsonNode object = event.path("data").path("object");
        return jdbi.inTransaction(h -> {
            StripeEventDao events = h.attach(StripeEventDao.class);
            if (events.insert(id, type) == 0) {
                LOG.info("Stripe event {} ({}) was processed before; ignored", id, type);
                return false;
            }
            String outcome = apply(h, type, object, created(event));
            events.processed(id, outcome);
            LOG.info("Stripe event {} ({}) processed{}", id, type, outcome == null ? "" : ": " + outcome);
            return true;
        });
    }

    /** Null when applied, else why nothing was changed. */
    private String apply(Handle h, String type, JsonNode object, Instant created) {
        switch (type) {
            case "checkout.session.completed" -> {
                Optional<TeamBilling> team = team(h, object.path("customer").asText(""));
                String subscription = object.path("subscription").asText("");
                if (team.isEmpty() || subscription.isEmpty()) {
                    return team.isEmpty() ? "no team has this customer" : "the session has no subscription";
                }
                return sync(h, team.get(), subscription);
            }
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" -> {
                Optional<TeamBilling> team = team(h, object.path("customer").asText(""));
                return team.isEmpty() ? "no team has this customer" : sync(h, team.get(), object.path("id").asText(""));
            }
            case "invoice.paid", "invoice.payment_failed" -> {
                Optional<TeamBilling> team = team(h, object.path("customer").asText(""));
                if (team.isEmpty()) {
                    return "no team has this customer";
                }
                if (type.equals("invoice.paid")) {
                    billing.paid(h, team.get().teamId());
                } else {
                    billing.paymentFailed(h, team.get().teamId(), created);
                }
                return team.get().subscriptionId() == null ? null : sync(h, team.get(), team.get().subscriptionId());
            }
            default -> {
                return "not a type the platform acts on";
            }
        }
    }

    /**
     * Reads the subscription from Stripe and stores it. An event about an older subscription of
     * the team that has ended does not overwrite the current one.
     */
    private String sync(Handle h, TeamBilling team, String subscriptionId) {
        if (subscriptionId.isEmpty()) {
            return "the event names no subscription";
        }
        StripeGateway.SubscriptionState state;
        try {
            state = stripe.subscription(subscriptionId);
        } catch (StripeException e) {
            LOG.error("Could not read subscription {} of team {} from Stripe", subscriptionId, team.teamId(), e);
            throw new ApiException(503, "stripe-unavailable", "Stripe could not be read; deliver the event again later");
        }
        if (team.subscriptionId() != null && !team.subscriptionId().equals(state.id()) && !PlanStanding.live(state.status())) {
            return "subscription " + state.id() + " is " + state.status() + " and no longer the team's";
        }
        billing.applySubscription(h, team.teamId(), state);
        return null;
    }

    private static Optional<TeamBilling> team(Handle h, String customer) {
        return customer.isEmpty() ? Optional.empty() : h.attach(TeamBillingDao.class).byCustomer(customer);
    }

    /** When the event happened (never later than now): a failed payment's grace period counts from it. */
    private Instant created(JsonNode event) {
        Instant now = clock.instant();
        long created = event.path("created").asLong(0);
        Instant at = created > 0 ? Instant.ofEpochSecond(created) : now;
        return at.isAfter(now) ? now : at;
    }
}
