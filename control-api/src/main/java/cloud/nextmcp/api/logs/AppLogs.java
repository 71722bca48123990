package cloud.nextmcp.api.logs;

import cloud.nextmcp.core.builds.LogLine;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * An app's log lines, optionally of one source: {@code web} means {@code web} itself and every
 * instance of it ({@code web.1}, {@code web.2}); {@code web.1} means only that one. A null
 * source means all lines (core's {@code LogDao} has no source filter).
 */
@RegisterConstructorMapper(LogLine.class)
public interface AppLogs {
    String OF_SOURCE = "(CAST(:source AS text) IS NULL OR source = :source OR starts_with(source, :source || '.'))";

    /** The last {@code tail} lines, oldest first. */
    @SqlQuery("SELECT * FROM (SELECT id, app_id, build_id, source, at, line FROM log_lines "
            + "WHERE app_id = :appId AND " + OF_SOURCE + " ORDER BY id DESC LIMIT :tail) t ORDER BY id")
    List<LogLine> tail(@Bind("appId") long appId, @Bind("source") String source, @Bind("tail") int tail);

    @SqlQuery("SELECT id, app_id, build_id, source, at, line FROM log_lines "
            + "WHERE app_id = :appId AND id > :afterId AND " + OF_SOURCE + " ORDER BY id LIMIT :limit")
    List<LogLine> after(@Bind("appId") long appId, @Bind("source") String source, @Bind("afterId") long afterId,
                        @Bind("limit") int limit);

    /** The newest line's id (0 without lines): a follower that wants no history starts after it. */
    @SqlQuery("SELECT coalesce(max(id), 0) FROM log_lines WHERE app_id = :appId")
    long lastId(@Bind("appId") long appId);
}
