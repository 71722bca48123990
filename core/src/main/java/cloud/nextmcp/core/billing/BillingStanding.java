package cloud.nextmcp.core.billing;

/** Where a team stands with billing; decides which plan's limits apply. */
public enum BillingStanding {
    /** Billing is off: unlimited. */
    SELF_HOSTED,
    /** No paid subscription: the free plan. */
    FREE,
    /** A paid subscription in good standing: its plan. */
    ACTIVE,
    /** A payment failed and the grace period runs: still the paid plan. */
    GRACE,
    /** A payment failed and the grace period is over: the free plan, nothing deleted. */
    DOWNGRADED,
    /** The subscription ended: the free plan, nothing deleted. */
    CANCELED
}
