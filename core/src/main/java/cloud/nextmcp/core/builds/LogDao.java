package cloud.nextmcp.core.builds;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(LogLine.class)
public interface LogDao {
    @SqlUpdate("INSERT INTO log_lines (app_id, build_id, source, line) VALUES (:appId, :buildId, :source, :line)")
    void append(@Bind("appId") long appId, @Bind("buildId") Long buildId, @Bind("source") String source,
                @Bind("line") String line);

    /** A build's lines after {@code afterId}, oldest first. */
    @SqlQuery("SELECT * FROM log_lines WHERE build_id = :buildId AND id > :afterId ORDER BY id LIMIT :limit")
    List<LogLine> buildLinesAfter(@Bind("buildId") long buildId, @Bind("afterId") long afterId, @Bind("limit") int limit);

    /** The last {@code tail} lines of an app, oldest first. */
    @SqlQuery("SELECT * FROM (SELECT * FROM log_lines WHERE app_id = :appId ORDER BY id DESC LIMIT :tail) t ORDER BY id")
    List<LogLine> tail(@Bind("appId") long appId, @Bind("tail") int tail);

    @SqlQuery("SELECT * FROM log_lines WHERE app_id = :appId AND id > :afterId ORDER BY id LIMIT :limit")
    List<LogLine> appLinesAfter(@Bind("appId") long appId, @Bind("afterId") long afterId, @Bind("limit") int limit);
}
