package cloud.nextmcp.core.billing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import java.util.Map;

/**
 * The {@code billing} section. Off by default: every team is then on the unlimited
 * {@code self-hosted} plan and the billing endpoints only say so.
 *
 * @param enabled        plans are enforced and paid through Stripe
 * @param plans          changes to the built-in plans and extra plans, by name
 * @param gracePeriod    how long a team whose payment failed keeps its paid plan (default 7 days)
 * @param usageInterval  how often instance time is sampled and build time collected (default 1 minute)
 * @param reportInterval how often collected usage is sent to Stripe's meters (default 1 hour)
 * @param stripe         the Stripe account
 */
public record BillingConfig(
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("plans") Map<String, PlanSettings> plans,
        @JsonProperty("gracePeriod") Duration gracePeriod,
        @JsonProperty("usageInterval") Duration usageInterval,
        @JsonProperty("reportInterval") Duration reportInterval,
        @JsonProperty("stripe") StripeConfig stripe) {

    public BillingConfig {
        enabled = enabled != null && enabled;
        plans = plans == null ? Map.of() : plans;
        gracePeriod = gracePeriod == null ? Duration.days(7) : gracePeriod;
        usageInterval = usageInterval == null ? Duration.minutes(1) : usageInterval;
        reportInterval = reportInterval == null ? Duration.hours(1) : reportInterval;
        stripe = stripe == null ? StripeConfig.none() : stripe;
    }

    public static BillingConfig disabled() {
        return new BillingConfig(false, null, null, null, null, null);
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** Checks every value, so that a bad configuration stops the start with a message saying what to set. */
    public void validate() {
        String problem = Plans.problem(plans);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (!enabled) {
            return;
        }
        if (stripe.secretKey() == null) {
            throw new IllegalArgumentException("billing.enabled is true but billing.stripe.secretKey is not set: "
                    + "put the secret key of your Stripe account there (NEXTMCP_STRIPE_SECRET_KEY in the dev configuration)");
        }
        if (stripe.webhookSecret() == null) {
            throw new IllegalArgumentException("billing.enabled is true but billing.stripe.webhookSecret is not set: "
                    + "put the signing secret (whsec_…) of the webhook endpoint /api/v1/billing/stripe/webhook there");
        }
        Plans all = Plans.of(plans);
        for (String plan : stripe.prices().keySet()) {
            if (all.find(plan).isEmpty()) {
                throw new IllegalArgumentException("billing.stripe.prices names the plan '" + plan
                        + "', which is not one of " + all.names());
            }
        }
        if (stripe.prices().containsKey(Plan.FREE)) {
            throw new IllegalArgumentException("billing.stripe.prices has a price for hobby, the free plan; remove it");
        }
        if (gracePeriod.toSeconds() < 0 || usageInterval.toSeconds() < 1 || reportInterval.toSeconds() < 1) {
            throw new IllegalArgumentException("billing.gracePeriod must not be negative and billing.usageInterval "
                    + "and billing.reportInterval must be at least one second");
        }
    }
}
