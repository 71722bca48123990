package cloud.nextmcp.core.billing;

import cloud.nextmcp.core.accounts.Team;
import cloud.nextmcp.core.accounts.TeamDao;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The plan limits, one check per limit, each called where its action happens. A check throws
 * {@link LimitExceeded} with what the plan allows and how to get more. With billing off every
 * team is on the unlimited {@code self-hosted} plan and no check refuses anything.
 */
public final class Entitlements {
    private final BillingConfig config;
    private final Plans plans;
    private final Clock clock;

    public Entitlements(BillingConfig config, Clock clock) {
        this.config = config;
        this.plans = Plans.of(config.plans());
        this.clock = clock;
    }

    public Plans plans() {
        return plans;
    }

    public boolean billingEnabled() {
        return config.isEnabled();
    }

    public PlanStanding standing(Handle h, long teamId) {
        TeamBilling billing = config.isEnabled() ? h.attach(TeamBillingDao.class).find(teamId).orElse(null) : null;
        return PlanStanding.of(config, plans, billing, clock.instant());
    }

    /** Creating an app in the team. */
    public void requireAppSlot(Handle h, long teamId) {
        PlanStanding s = standing(h, teamId);
        Integer limit = s.plan().limits().apps();
        if (limit == null) {
            return;
        }
        // One app creation per team at a time, so two concurrent requests cannot both take the last slot.
        h.execute("SELECT pg_advisory_xact_lock(hashtext('nextmcp-apps'), ?::int)", (int) teamId);
        if (!PlanLimits.roomFor(limit, h.attach(UsageDao.class).appsOf(teamId))) {
            throw refuse(h, teamId, s, "allows " + count(limit, "app", "apps") + " per team");
        }
    }

    /** Scaling a process type of an app to {@code quantity} instances. */
    public void requireInstances(Handle h, long appId, int quantity) {
        long teamId = teamOf(h, appId);
        PlanStanding s = standing(h, teamId);
        Integer limit = s.plan().limits().instancesPerApp();
        if (limit != null && quantity > limit) {
            throw refuse(h, teamId, s, "allows " + count(limit, "instance", "instances") + " per app");
        }
    }

    /** Attaching one more custom domain to an app that has {@code domainsNow}. */
    public void requireDomainSlot(Handle h, long appId, int domainsNow) {
        long teamId = teamOf(h, appId);
        PlanStanding s = standing(h, teamId);
        Integer limit = s.plan().limits().domainsPerApp();
        if (!PlanLimits.roomFor(limit, domainsNow)) {
            throw refuse(h, teamId, s, limit == 0 ? "has no custom domains"
                    : "allows " + count(limit, "custom domain", "custom domains") + " per app");
        }
    }

    /** Creating one more preview deployment of an app that has {@code previewsNow}. */
    public void requirePreviewSlot(Handle h, long appId, int previewsNow) {
        long teamId = teamOf(h, appId);
        PlanStanding s = standing(h, teamId);
        Integer limit = s.plan().limits().previewsPerApp();
        if (!PlanLimits.roomFor(limit, previewsNow)) {
            throw refuse(h, teamId, s, limit == 0 ? "has no preview deployments"
                    : "allows " + count(limit, "preview deployment", "preview deployments") + " per app");
        }
    }

    /** Starting a build of an app: refused once the team used the month's build minutes. */
    public void requireBuildMinutes(Handle h, long appId) {
        long teamId = teamOf(h, appId);
        PlanStanding s = standing(h, teamId);
        if (s.plan().limits().buildMinutesPerMonth() == null) {
            return;
        }
        BuildMinutes minutes = buildMinutes(h, teamId, s);
        if (minutes.limit() != null && minutes.used() >= minutes.limit()) {
            throw refuse(h, teamId, s, "allows " + count(minutes.limit(), "build minute", "build minutes")
                    + " a month and this month's are used up; they reset on " + minutes.resetsOn());
        }
    }

    /** How many days the app's log lines are kept; empty when unlimited. */
    public Optional<Integer> logRetentionDays(Handle h, long appId) {
        return Optional.ofNullable(standing(h, teamOf(h, appId)).plan().limits().logRetentionDays());
    }

    /** Memory an instance of the app may use, in MiB; empty when unlimited. */
    public Optional<Integer> memoryMbPerInstance(Handle h, long appId) {
        return Optional.ofNullable(standing(h, teamOf(h, appId)).plan().limits().memoryMbPerInstance());
    }

    /** Build minutes the team used this calendar month (UTC), started minutes counted whole. */
    public BuildMinutes buildMinutes(Handle h, long teamId, PlanStanding standing) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Instant monthStart = today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        UsageDao usage = h.attach(UsageDao.class);
        long seconds = usage.usedSince(teamId, UsageDao.BUILD_SECONDS, monthStart)
                + usage.unrecordedBuildSeconds(teamId, monthStart);
        return new BuildMinutes((seconds + 59) / 60, standing.plan().limits().buildMinutesPerMonth(),
                today.withDayOfMonth(1).plusMonths(1));
    }

    /** Build minutes this month, the plan's allowance (null: unlimited) and the day they reset. */
    public record BuildMinutes(long used, Integer limit, LocalDate resetsOn) {
    }

    /**
     * What the team has beyond its plan's limits (after a downgrade): kept and running, it only
     * blocks new actions of the same kind.
     */
    public List<String> overLimits(Handle h, long teamId) {
        PlanStanding s = standing(h, teamId);
        PlanLimits limits = s.plan().limits();
        List<String> over = new ArrayList<>();
        UsageDao usage = h.attach(UsageDao.class);
        int apps = usage.appsOf(teamId);
        if (limits.apps() != null && apps > limits.apps()) {
            over.add(apps + " apps; the " + s.plan().name() + " plan allows " + limits.apps());
        }
        if (limits.instancesPerApp() != null) {
            for (UsageDao.Formation f : usage.formationsOver(teamId, limits.instancesPerApp())) {
                over.add("app " + f.app() + " runs " + f.quantity() + " " + f.processType() + " instances; the "
                        + s.plan().name() + " plan allows " + limits.instancesPerApp());
            }
        }
        return over;
    }

    private LimitExceeded refuse(Handle h, long teamId, PlanStanding s, String allows) {
        Team team = h.attach(TeamDao.class).findById(teamId).orElseThrow();
        String teamOption = team.personal() ? "" : " --team " + team.name();
        String why = switch (s.standing()) {
            case DOWNGRADED -> " (your team's payment failed and the grace period ended; fix the payment with "
                    + "`nextmcp billing portal" + teamOption + "`)";
            default -> "";
        };
        String next = nextPlan(s.plan());
        String hint = next == null
                ? "; ask the platform's operators for a larger plan"
                : "; `nextmcp billing upgrade " + next + teamOption + "`";
        return new LimitExceeded("the " + s.plan().name() + " plan " + allows + why + hint);
    }

    /** The next plan up that can be bought here. */
    private String nextPlan(Plan current) {
        List<String> names = plans.names();
        int from = names.indexOf(current.name());
        for (int i = from + 1; i < names.size(); i++) {
            if (config.stripe().prices().containsKey(names.get(i))) {
                return names.get(i);
            }
        }
        return null;
    }

    private static long teamOf(Handle h, long appId) {
        return h.attach(UsageDao.class).teamOfApp(appId)
                .orElseThrow(() -> new IllegalStateException("app " + appId + " has no team"));
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
