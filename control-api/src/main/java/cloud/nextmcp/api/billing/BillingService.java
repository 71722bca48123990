package cloud.nextmcp.api.billing;

import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.core.accounts.TeamMembership;
import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.billing.BillingStanding;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.billing.Plan;
import cloud.nextmcp.core.billing.PlanStanding;
import cloud.nextmcp.core.billing.TeamBilling;
import cloud.nextmcp.core.billing.TeamBillingDao;
import cloud.nextmcp.core.billing.UsageDao;
import cloud.nextmcp.core.config.PublicEndpoints;
import com.stripe.exception.StripeException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A team's billing: its Stripe customer, Checkout and portal sessions, and what Stripe says of its
 * subscription. The one writer of {@code team_billing}.
 */
public final class BillingService {
    private static final Logger LOG = LoggerFactory.getLogger(BillingService.class);
    /** A portal session link is reused for this long (its idempotency key changes with the window). */
    private static final long PORTAL_WINDOW_SECONDS = 300;

    private final BillingConfig config;
    private final Entitlements entitlements;
    private final StripeGateway stripe;
    private final Jdbi jdbi;
    private final String returnUrl;
    private final Clock clock;

    public BillingService(BillingConfig config, Entitlements entitlements, StripeGateway stripe, Jdbi jdbi,
                          PublicEndpoints endpoints, Clock clock) {
        this.config = config;
        this.entitlements = entitlements;
        this.stripe = stripe;
        this.jdbi = jdbi;
        this.returnUrl = config.stripe().returnUrl() != null ? config.stripe().returnUrl() : endpoints.apiUrl() + "/";
        this.clock = clock;
    }

    public BillingView view(Handle h, TeamMembership team) {
        PlanStanding s = entitlements.standing(h, team.teamId());
        Entitlements.BuildMinutes minutes = entitlements.buildMinutes(h, team.teamId(), s);
        UsageDao usage = h.attach(UsageDao.class);
        Instant monthStart = minutes.resetsOn().minusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long instanceSeconds = usage.usedSince(team.teamId(), UsageDao.INSTANCE_SECONDS, monthStart);
        TeamBilling b = s.billing();
        return new BillingView(team.teamName(), config.isEnabled(), s.plan().name(),
                s.standing().name().toLowerCase(Locale.ROOT), s.paidPlan(),
                b == null ? null : b.subscriptionStatus(), b == null ? null : b.currentPeriodEnd(), s.graceEndsAt(),
                notice(s, team), s.plan().limits(),
                new BillingView.Usage(minutes.resetsOn().minusMonths(1), minutes.resetsOn(), minutes.used(),
                        instanceSeconds, Math.round(instanceSeconds / 36.0) / 100.0, usage.appsOf(team.teamId())),
                entitlements.overLimits(h, team.teamId()),
                config.isEnabled() ? entitlements.plans().names() : List.of(Plan.SELF_HOSTED));
    }

    private static String notice(PlanStanding s, TeamMembership team) {
        String teamOption = team.personal() ? "" : " --team " + team.teamName();
        return switch (s.standing()) {
            case GRACE -> "a payment failed: the " + s.paidPlan() + " plan stays until " + s.graceEndsAt()
                    + ", then the team drops to the hobby plan's limits; fix it with `nextmcp billing portal" + teamOption + "`";
            case DOWNGRADED -> "a payment failed and the grace period ended: the team has the hobby plan's limits "
                    + "(nothing was deleted); fix the payment with `nextmcp billing portal" + teamOption + "`";
            case CANCELED -> "the subscription ended: the team has the hobby plan's limits (nothing was deleted)";
            default -> null;
        };
    }

    /** A Checkout Session URL that subscribes the team to {@code planName}. */
    public String checkout(TeamMembership team, String planName) {
        requireEnabled();
        Plan plan = entitlements.plans().find(planName).orElseThrow(() -> ApiException.invalid("there is no plan '"
                + planName + "'; plans: " + String.join(", ", entitlements.plans().names())));
        String price = config.stripe().prices().get(plan.name());
        if (price == null) {
            throw ApiException.invalid("the " + plan.name() + " plan cannot be bought here"
                    + (plan.name().equals(Plan.FREE) ? " (it is the free plan)" : "; ask the platform's operators"));
        }
        PlanStanding standing = jdbi.withHandle(h -> entitlements.standing(h, team.teamId()));
        if (standing.paidPlan() != null && standing.standing() != BillingStanding.CANCELED) {
            throw ApiException.conflict("team '" + team.teamName() + "' already subscribes to the " + standing.paidPlan()
                    + " plan; change or cancel it with `nextmcp billing portal"
                    + (team.personal() ? "" : " --team " + team.teamName()) + "`");
        }
        TeamBilling billing = customer(team);
        try {
            String url = stripe.checkoutUrl(team.teamId(), billing.stripeCustomerId(), plan.name(), price, returnUrl,
                    billing.updatedAt().toEpochMilli());
            LOG.info("Checkout for team {} (id {}) to plan {} started", team.teamName(), team.teamId(), plan.name());
            return url;
        } catch (StripeException e) {
            LOG.error("Stripe refused a checkout session for team {} (id {}), plan {}", team.teamName(), team.teamId(),
                    plan.name(), e);
            throw StripeUnavailable.of("create a checkout session", e);
        }
    }

    /** A customer portal URL: payment methods, invoices, plan changes and cancelling. */
    public String portal(TeamMembership team) {
        requireEnabled();
        TeamBilling billing = customer(team);
        try {
            return stripe.portalUrl(billing.stripeCustomerId(), returnUrl,
                    clock.instant().getEpochSecond() / PORTAL_WINDOW_SECONDS);
        } catch (StripeException e) {
            LOG.error("Stripe refused a portal session for team {} (id {})", team.teamName(), team.teamId(), e);
            throw StripeUnavailable.of("create a customer portal session", e);
        }
    }

    /**
     * The team's Stripe customer, created on first use. Two requests at once both ask Stripe with
     * the same idempotency key, get the same customer and insert it once.
     */
    private TeamBilling customer(TeamMembership team) {
        TeamBillingDao dao = jdbi.onDemand(TeamBillingDao.class);
        Optional<TeamBilling> existing = dao.find(team.teamId());
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            String customer = stripe.createCustomer(team.teamId(), team.teamName());
            dao.insertCustomer(team.teamId(), customer);
            LOG.info("Stripe customer {} created for team {} (id {})", customer, team.teamName(), team.teamId());
        } catch (StripeException e) {
            LOG.error("Stripe refused to create a customer for team {} (id {})", team.teamName(), team.teamId(), e);
            throw StripeUnavailable.of("create a customer", e);
        }
        return dao.find(team.teamId()).orElseThrow();
    }

    /** Stores what Stripe says the subscription is now; the plan comes from its price. */
    void applySubscription(Handle h, long teamId, StripeGateway.SubscriptionState state) {
        String plan = planOfPrice(state.priceId());
        h.attach(TeamBillingDao.class).subscription(teamId, state.id(), state.status(), plan, state.currentPeriodEnd());
        LOG.info("Team {}: subscription {} is {} (plan {})", teamId, state.id(), state.status(), plan);
    }

    void paymentFailed(Handle h, long teamId, Instant at) {
        h.attach(TeamBillingDao.class).paymentFailed(teamId, at);
        LOG.info("Team {}: a payment failed; grace period of {} from {}", teamId, config.gracePeriod(), at);
    }

    void paid(Handle h, long teamId) {
        h.attach(TeamBillingDao.class).paid(teamId);
    }

    private String planOfPrice(String priceId) {
        for (Map.Entry<String, String> e : config.stripe().prices().entrySet()) {
            if (e.getValue().equals(priceId)) {
                return e.getKey();
            }
        }
        return null;
    }

    private void requireEnabled() {
        if (!config.isEnabled()) {
            throw ApiException.conflict("billing is off on this platform: every team is on the unlimited "
                    + Plan.SELF_HOSTED + " plan");
        }
    }
}
