package cloud.nextmcp.api.billing;

import cloud.nextmcp.core.billing.PlanLimits;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A team's plan, what it allows, what the team used this month and what it has beyond its limits.
 *
 * @param enabled            whether this platform bills at all (false: plan {@code self-hosted}, unlimited)
 * @param plan               whose limits apply now
 * @param standing           why: self_hosted, free, active, grace, downgraded or canceled
 * @param paidPlan           the plan the subscription is for, if any
 * @param subscriptionStatus Stripe's status of the subscription
 * @param graceEndsAt        set after a failed payment: when the team drops to the free plan's limits
 * @param notice             what an Owner should do, if anything
 * @param overLimits         what the team has beyond its plan's limits: kept, it blocks only new actions
 */
public record BillingView(String team, boolean enabled, String plan, String standing, String paidPlan,
                          String subscriptionStatus,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) Instant currentPeriodEnd,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) Instant graceEndsAt,
                          String notice, PlanLimits limits, Usage usage, List<String> overLimits, List<String> plans) {

    /** This calendar month (UTC): build minutes against the allowance, instance time, apps. */
    public record Usage(@JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate periodStart,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate resetsOn,
                        long buildMinutes, long instanceSeconds, double instanceHours, int apps) {
    }
}
