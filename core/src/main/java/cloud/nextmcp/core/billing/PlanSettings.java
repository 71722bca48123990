package cloud.nextmcp.core.billing;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code billing.plans} as written in configuration. A field left out keeps the
 * default of the plan of that name (or is unlimited for a plan the platform does not know);
 * {@code -1} makes a limit unlimited.
 */
public record PlanSettings(
        @JsonProperty("apps") Integer apps,
        @JsonProperty("instancesPerApp") Integer instancesPerApp,
        @JsonProperty("memoryMbPerInstance") Integer memoryMbPerInstance,
        @JsonProperty("previewsPerApp") Integer previewsPerApp,
        @JsonProperty("domainsPerApp") Integer domainsPerApp,
        @JsonProperty("buildMinutesPerMonth") Integer buildMinutesPerMonth,
        @JsonProperty("logRetentionDays") Integer logRetentionDays,
        @JsonProperty("forceScaleToZero") Boolean forceScaleToZero,
        @JsonProperty("metered") Boolean metered) {

    static final int UNLIMITED = -1;

    /** This entry over {@code base}: set fields win. */
    Plan over(String name, Plan base) {
        PlanLimits b = base.limits();
        return new Plan(name, new PlanLimits(
                pick(apps, b.apps()), pick(instancesPerApp, b.instancesPerApp()),
                pick(memoryMbPerInstance, b.memoryMbPerInstance()), pick(previewsPerApp, b.previewsPerApp()),
                pick(domainsPerApp, b.domainsPerApp()), pick(buildMinutesPerMonth, b.buildMinutesPerMonth()),
                pick(logRetentionDays, b.logRetentionDays()),
                forceScaleToZero == null ? b.forceScaleToZero() : forceScaleToZero),
                metered == null ? base.metered() : metered);
    }

    private static Integer pick(Integer configured, Integer fallback) {
        if (configured == null) {
            return fallback;
        }
        return configured == UNLIMITED ? null : configured;
    }

    /** A problem with this entry a person can fix, or null. */
    String problem(String name) {
        Integer[] values = {apps, instancesPerApp, memoryMbPerInstance, previewsPerApp, domainsPerApp,
                buildMinutesPerMonth, logRetentionDays};
        for (Integer v : values) {
            if (v != null && v < UNLIMITED) {
                return "billing.plans." + name + " has a negative limit (" + v + "); use -1 for unlimited";
            }
        }
        return null;
    }
}
