package cloud.nextmcp.core.accounts;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(User.class)
public interface UserDao {
    @SqlUpdate("INSERT INTO users (email, name, password_hash) VALUES (:email, :name, :passwordHash)")
    @GetGeneratedKeys
    User insert(@Bind("email") String email, @Bind("name") String name, @Bind("passwordHash") String passwordHash);

    @SqlQuery("SELECT * FROM users WHERE id = :id")
    Optional<User> findById(@Bind("id") long id);

    @SqlQuery("SELECT * FROM users WHERE lower(email) = lower(:email)")
    Optional<User> findByEmail(@Bind("email") String email);
}
