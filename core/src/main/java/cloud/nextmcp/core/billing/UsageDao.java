package cloud.nextmcp.core.billing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * {@code usage_records} (010-billing.sql), written by the usage recorder and claimed by the
 * reporter, and the read-only counts the plan limits need (apps, formations, builds).
 */
public interface UsageDao {
    String INSTANCE_SECONDS = "instance_seconds";
    String BUILD_SECONDS = "build_seconds";

    /** One unreported batch of a team's usage of one kind. */
    record Pending(String batch, long teamId, String kind, long quantity, String stripeCustomerId) {
    }

    /** An app's process type running more instances than a limit allows. */
    record Formation(String app, String processType, int quantity) {
    }

    /** How much of a kind a team used since a time (what the period's usage shows). */
    @SqlQuery("SELECT coalesce(sum(quantity), 0) FROM usage_records WHERE team_id = :teamId AND kind = :kind "
            + "AND recorded_at >= :since")
    long usedSince(@Bind("teamId") long teamId, @Bind("kind") String kind, @Bind("since") Instant since);

    /**
     * Build seconds of a team's builds started since {@code since} that are not recorded yet
     * (running ones count up to now); with {@link #usedSince} this is the month's build time,
     * which survives deleting the app because recorded usage does.
     */
    @SqlQuery("SELECT coalesce(sum(extract(epoch FROM coalesce(b.finished_at, now()) - b.started_at)), 0)::bigint "
            + "FROM builds b JOIN apps a ON a.id = b.app_id WHERE a.team_id = :teamId AND b.started_at >= :since "
            + "AND NOT EXISTS (SELECT 1 FROM usage_records u WHERE u.source_key = 'build:' || b.id)")
    long unrecordedBuildSeconds(@Bind("teamId") long teamId, @Bind("since") Instant since);

    @SqlQuery("SELECT count(*) FROM apps WHERE team_id = :teamId AND parent_id IS NULL")
    int appsOf(@Bind("teamId") long teamId);

    @SqlQuery("SELECT team_id FROM apps WHERE id = :appId")
    Optional<Long> teamOfApp(@Bind("appId") long appId);

    @RegisterConstructorMapper(Formation.class)
    @SqlQuery("SELECT a.name AS app, f.process_type, f.quantity FROM formations f JOIN apps a ON a.id = f.app_id "
            + "WHERE a.team_id = :teamId AND f.quantity > :limit ORDER BY a.name, f.process_type")
    List<Formation> formationsOver(@Bind("teamId") long teamId, @Bind("limit") int limit);

    /** Records the time of finished builds not recorded yet, each once (its source key is the build). */
    @SqlUpdate("INSERT INTO usage_records (team_id, kind, quantity, source_key) "
            + "SELECT a.team_id, 'build_seconds', ceil(extract(epoch FROM b.finished_at - b.started_at))::bigint, "
            + "'build:' || b.id FROM builds b JOIN apps a ON a.id = b.app_id "
            + "WHERE b.finished_at IS NOT NULL AND b.started_at IS NOT NULL AND b.finished_at > now() - interval '40 days' "
            + "ON CONFLICT (source_key) DO NOTHING")
    int recordFinishedBuilds();

    /**
     * Records each team's instance time over the interval {@code [from, to)}: every instance
     * that runs counts from the later of its start and {@code from}. The key names the team and
     * the interval, so a second sampler (another replica) for the same interval writes nothing.
     */
    @SqlUpdate("INSERT INTO usage_records (team_id, kind, quantity, source_key) "
            + "SELECT a.team_id, 'instance_seconds', "
            + "ceil(sum(extract(epoch FROM :to - greatest(i.started_at, :from))))::bigint, "
            + "'instances:' || a.team_id || ':' || :intervalKey "
            + "FROM instances i JOIN apps a ON a.id = i.app_id "
            + "WHERE i.state IN ('starting', 'healthy', 'draining') AND i.started_at < :to "
            + "GROUP BY a.team_id ON CONFLICT (source_key) DO NOTHING")
    int recordInstances(@Bind("from") Instant from, @Bind("to") Instant to, @Bind("intervalKey") String intervalKey);

    /**
     * Claims every unreported record of teams with a Stripe customer, one batch per team and
     * kind, and marks them with the batch name in the same statement: a record is in exactly one
     * batch, whatever else runs.
     */
    @RegisterConstructorMapper(Pending.class)
    @SqlQuery("WITH claimed AS (UPDATE usage_records u SET batch = u.kind || ':' || u.team_id || ':' || :run "
            + "WHERE u.id IN (SELECT r.id FROM usage_records r JOIN team_billing tb ON tb.team_id = r.team_id "
            + "WHERE r.batch IS NULL AND r.team_id IN (<teams>) FOR UPDATE OF r SKIP LOCKED) "
            + "RETURNING u.batch, u.team_id, u.kind, u.quantity) "
            + "SELECT c.batch, c.team_id, c.kind, sum(c.quantity)::bigint AS quantity, tb.stripe_customer_id "
            + "FROM claimed c JOIN team_billing tb ON tb.team_id = c.team_id "
            + "GROUP BY c.batch, c.team_id, c.kind, tb.stripe_customer_id")
    List<Pending> claimBatches(@BindList("teams") List<Long> teamIds, @Bind("run") String run);

    /** Batches claimed earlier whose report did not go out (the reporter stopped, or Stripe failed). */
    @RegisterConstructorMapper(Pending.class)
    @SqlQuery("SELECT u.batch, u.team_id, u.kind, sum(u.quantity)::bigint AS quantity, tb.stripe_customer_id "
            + "FROM usage_records u JOIN team_billing tb ON tb.team_id = u.team_id "
            + "WHERE u.batch IS NOT NULL AND u.reported_at IS NULL GROUP BY u.batch, u.team_id, u.kind, tb.stripe_customer_id")
    List<Pending> unsentBatches();

    @SqlUpdate("UPDATE usage_records SET reported_at = now() WHERE batch = :batch AND reported_at IS NULL")
    int reported(@Bind("batch") String batch);

    /**
     * Teams with unclaimed usage. Every run settles all of them (reported or marked not metered),
     * so usage from before a team's paid plan is not billed when it upgrades.
     */
    @SqlQuery("SELECT DISTINCT team_id FROM usage_records WHERE batch IS NULL")
    List<Long> teamsWithUnclaimedUsage();

    /** Old usage: past any month shown or any period Stripe accepts meter events for. */
    @SqlUpdate("DELETE FROM usage_records WHERE recorded_at < :before")
    int deleteBefore(@Bind("before") Instant before);

    /** Usage of teams whose plan bills none: marked done without a report, so it is never sent later. */
    @SqlUpdate("UPDATE usage_records SET batch = 'not-metered', reported_at = now() WHERE batch IS NULL "
            + "AND team_id IN (<teams>)")
    int notMetered(@BindList("teams") List<Long> teamIds);
}
