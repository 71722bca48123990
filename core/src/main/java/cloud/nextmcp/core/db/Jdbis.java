package cloud.nextmcp.core.db;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Builds the platform's {@link Jdbi} the same way for every role and for tests. */
public final class Jdbis {
    private Jdbis() {
    }

    public static Jdbi create(DataSource dataSource) {
        return configure(Jdbi.create(dataSource));
    }

    public static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        return jdbi;
    }
}
