package cloud.nextmcp.core.billing;

import java.time.Instant;
import java.util.Set;

/**
 * A team's plan right now.
 *
 * @param plan         whose limits apply
 * @param paidPlan     the plan its subscription is for (null without one)
 * @param standing     why {@code plan} applies
 * @param graceEndsAt  when a failed payment drops the team to the free plan (null unless one failed)
 * @param billing      the team's billing row (null before its first checkout or with billing off)
 */
public record PlanStanding(Plan plan, String paidPlan, BillingStanding standing, Instant graceEndsAt,
                           TeamBilling billing) {

    /** Subscription states in which Stripe still bills the subscription (others grant no paid plan). */
    private static final Set<String> LIVE = Set.of("active", "trialing", "past_due", "unpaid");

    /** Whether a subscription in this Stripe status still grants its plan. */
    public static boolean live(String subscriptionStatus) {
        return LIVE.contains(subscriptionStatus);
    }

    /** The standing a team's row gives at {@code now}: pure, so the rules are tested without a database. */
    public static PlanStanding of(BillingConfig config, Plans plans, TeamBilling billing, Instant now) {
        if (!config.isEnabled()) {
            return new PlanStanding(Plan.selfHosted(), null, BillingStanding.SELF_HOSTED, null, billing);
        }
        if (billing == null || billing.subscriptionId() == null) {
            return new PlanStanding(plans.free(), null, BillingStanding.FREE, null, billing);
        }
        Plan paid = billing.plan() == null ? null : plans.find(billing.plan()).orElse(null);
        if (paid == null || !LIVE.contains(billing.subscriptionStatus())) {
            return new PlanStanding(plans.free(), null, BillingStanding.CANCELED, null, billing);
        }
        if (billing.paymentFailedAt() != null) {
            Instant graceEnds = billing.paymentFailedAt().plusSeconds(config.gracePeriod().toSeconds());
            return now.isBefore(graceEnds)
                    ? new PlanStanding(paid, paid.name(), BillingStanding.GRACE, graceEnds, billing)
                    : new PlanStanding(plans.free(), paid.name(), BillingStanding.DOWNGRADED, graceEnds, billing);
        }
        return new PlanStanding(paid, paid.name(), BillingStanding.ACTIVE, null, billing);
    }
}
