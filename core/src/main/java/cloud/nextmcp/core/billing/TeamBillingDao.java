package cloud.nextmcp.core.billing;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code team_billing} (010-billing.sql); written only by the API's billing service. */
@RegisterConstructorMapper(TeamBilling.class)
public interface TeamBillingDao {
    String COLUMNS = "team_id, stripe_customer_id, subscription_id, subscription_status, plan, current_period_end, "
            + "payment_failed_at, updated_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM team_billing WHERE team_id = :teamId")
    Optional<TeamBilling> find(@Bind("teamId") long teamId);

    /** Locks the row, so that two requests for one team do not both create a Stripe customer. */
    @SqlQuery("SELECT " + COLUMNS + " FROM team_billing WHERE team_id = :teamId FOR UPDATE")
    Optional<TeamBilling> lock(@Bind("teamId") long teamId);

    @SqlQuery("SELECT " + COLUMNS + " FROM team_billing WHERE stripe_customer_id = :customer")
    Optional<TeamBilling> byCustomer(@Bind("customer") String customerId);

    @SqlUpdate("INSERT INTO team_billing (team_id, stripe_customer_id) VALUES (:teamId, :customer) "
            + "ON CONFLICT (team_id) DO NOTHING")
    int insertCustomer(@Bind("teamId") long teamId, @Bind("customer") String customerId);

    /** What Stripe says the subscription is now; {@code plan} null when it grants no paid plan. */
    @SqlUpdate("UPDATE team_billing SET subscription_id = :subscription, subscription_status = :status, plan = :plan, "
            + "current_period_end = :periodEnd, updated_at = now() WHERE team_id = :teamId")
    int subscription(@Bind("teamId") long teamId, @Bind("subscription") String subscriptionId,
                     @Bind("status") String status, @Bind("plan") String plan, @Bind("periodEnd") Instant periodEnd);

    /** Starts the grace period at the first failure; later failures keep its start. */
    @SqlUpdate("UPDATE team_billing SET payment_failed_at = coalesce(payment_failed_at, :at), updated_at = now() "
            + "WHERE team_id = :teamId")
    int paymentFailed(@Bind("teamId") long teamId, @Bind("at") Instant at);

    @SqlUpdate("UPDATE team_billing SET payment_failed_at = NULL, updated_at = now() WHERE team_id = :teamId")
    int paid(@Bind("teamId") long teamId);
}
