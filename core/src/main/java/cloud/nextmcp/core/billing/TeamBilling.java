package cloud.nextmcp.core.billing;

import java.time.Instant;

/** A team's row in {@code team_billing}: its Stripe customer and what Stripe last said of its subscription. */
public record TeamBilling(long teamId, String stripeCustomerId, String subscriptionId, String subscriptionStatus,
                          String plan, Instant currentPeriodEnd, Instant paymentFailedAt, Instant updatedAt) {
}
