package cloud.nextmcp.api.builds;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Builds with the pusher's e-mail, for listings (core's BuildDao has the queue's view of them). */
@RegisterConstructorMapper(BuildView.class)
public interface BuildListing {
    String SELECT = "SELECT b.id, b.status, b.commit_sha AS commit, b.ref, u.email AS pusher, b.error, b.buildpack, "
            + "b.release_version, b.created_at, b.started_at, b.finished_at "
            + "FROM builds b LEFT JOIN users u ON u.id = b.pusher_id ";

    @SqlQuery(SELECT + "WHERE b.app_id = :appId ORDER BY b.id DESC LIMIT :limit")
    List<BuildView> recent(@Bind("appId") long appId, @Bind("limit") int limit);

    @SqlQuery(SELECT + "WHERE b.app_id = :appId AND b.id = :id")
    Optional<BuildView> find(@Bind("appId") long appId, @Bind("id") long id);
}
