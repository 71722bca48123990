package cloud.nextmcp.core.audit;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(AuditEntry.class)
public interface AuditLog {
    @SqlUpdate("INSERT INTO audit_log (actor_id, actor_email, action, target, detail, source_ip) "
            + "VALUES (:actorId, :actorEmail, :action, :target, CAST(:detail AS jsonb), :sourceIp)")
    void record(@Bind("actorId") Long actorId, @Bind("actorEmail") String actorEmail, @Bind("action") String action,
                @Bind("target") String target, @Bind("detail") String detailJson, @Bind("sourceIp") String sourceIp);

    @SqlQuery("SELECT id, at, actor_id, actor_email, action, target, detail::text AS detail, source_ip "
            + "FROM audit_log WHERE actor_id = :actorId ORDER BY id DESC LIMIT :limit")
    List<AuditEntry> byActor(@Bind("actorId") long actorId, @Bind("limit") int limit);
}
