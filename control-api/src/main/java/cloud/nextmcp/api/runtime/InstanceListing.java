package cloud.nextmcp.api.runtime;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The runtime's instance rows (see 003-routing.sql), without the stopped ones. */
@RegisterConstructorMapper(InstanceListing.Row.class)
public interface InstanceListing {
    record Row(String id, String processType, int releaseVersion, String state, int restarts, Instant startedAt,
               String address) {
    }

    @SqlQuery("SELECT id, process_type, release_version, state, restarts, started_at, address FROM instances "
            + "WHERE app_id = :appId AND state <> 'stopped' ORDER BY process_type, started_at, id")
    List<Row> of(@Bind("appId") long appId);
}
