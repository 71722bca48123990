package cloud.nextmcp.core.billing;

/**
 * A plan a team can be on.
 *
 * @param name    as in configuration and on the command line ({@code hobby}, {@code pro}, …)
 * @param limits  what it allows
 * @param metered whether its Stripe price bills usage (instance and build time) through meter events
 */
public record Plan(String name, PlanLimits limits, boolean metered) {
    /** Every team's plan while billing is off: nothing is limited. */
    public static final String SELF_HOSTED = "self-hosted";
    /** The plan of a team without a paid subscription, and the one a team drops to. */
    public static final String FREE = "hobby";

    public static Plan selfHosted() {
        return new Plan(SELF_HOSTED, PlanLimits.unlimited(), false);
    }
}
