package cloud.nextmcp.core.billing;

/**
 * What a plan allows. A {@code null} limit is unlimited.
 *
 * @param apps                 apps per team
 * @param instancesPerApp      instances of one process type of an app
 * @param memoryMbPerInstance  memory per instance, in MiB (recorded for the runtime; see docs/billing.md)
 * @param previewsPerApp       preview deployments per app
 * @param domainsPerApp        custom domains per app
 * @param buildMinutesPerMonth build minutes per team and calendar month (UTC)
 * @param logRetentionDays     how long log lines are kept
 * @param forceScaleToZero     idle apps are scaled to zero whatever their formation says
 */
public record PlanLimits(Integer apps, Integer instancesPerApp, Integer memoryMbPerInstance, Integer previewsPerApp,
                         Integer domainsPerApp, Integer buildMinutesPerMonth, Integer logRetentionDays,
                         boolean forceScaleToZero) {

    public static PlanLimits unlimited() {
        return new PlanLimits(null, null, null, null, null, null, null, false);
    }

    /** Whether {@code used + 1} still fits under {@code limit}. */
    static boolean roomFor(Integer limit, long used) {
        return limit == null || used < limit;
    }
}
