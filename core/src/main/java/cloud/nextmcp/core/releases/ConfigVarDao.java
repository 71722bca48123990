package cloud.nextmcp.core.releases;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Sealed config vars; use {@link ConfigVars} to read and write plain values. */
@RegisterConstructorMapper(ConfigVar.class)
public interface ConfigVarDao {
    @SqlUpdate("INSERT INTO config_vars (app_id, key, value_sealed) VALUES (:appId, :key, :sealed) "
            + "ON CONFLICT (app_id, key) DO UPDATE SET value_sealed = excluded.value_sealed, updated_at = now()")
    void put(@Bind("appId") long appId, @Bind("key") String key, @Bind("sealed") byte[] valueSealed);

    @SqlUpdate("DELETE FROM config_vars WHERE app_id = :appId AND key = :key")
    int remove(@Bind("appId") long appId, @Bind("key") String key);

    @SqlUpdate("DELETE FROM config_vars WHERE app_id = :appId")
    int removeAll(@Bind("appId") long appId);

    @SqlQuery("SELECT app_id, key, value_sealed, updated_at FROM config_vars WHERE app_id = :appId ORDER BY key")
    List<ConfigVar> list(@Bind("appId") long appId);
}
