package cloud.nextmcp.api.releases;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Releases with the commit of their build and the e-mail of who made them. */
@RegisterConstructorMapper(ReleaseListing.Row.class)
public interface ReleaseListing {
    String SELECT = "SELECT r.version, r.description, r.build_id, b.commit_sha AS commit, r.created_at, "
            + "u.email AS created_by, r.status, r.error "
            + "FROM releases r LEFT JOIN builds b ON b.id = r.build_id LEFT JOIN users u ON u.id = r.created_by ";

    record Row(int version, String description, Long buildId, String commit, Instant createdAt, String createdBy,
               String status, String error) {
    }

    @SqlQuery(SELECT + "WHERE r.app_id = :appId ORDER BY r.version DESC LIMIT :limit")
    List<Row> recent(@Bind("appId") long appId, @Bind("limit") int limit);

    @SqlQuery(SELECT + "WHERE r.app_id = :appId AND r.version = :version")
    Optional<Row> find(@Bind("appId") long appId, @Bind("version") int version);
}
