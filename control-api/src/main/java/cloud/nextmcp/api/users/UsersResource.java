package cloud.nextmcp.api.users;

import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.core.accounts.TeamDao;
import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.accounts.UserDao;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public final class UsersResource {
    private final Jdbi jdbi;

    public UsersResource(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public record MyTeam(String name, String role, boolean personal) {
    }

    public record Me(long id, String email, String name,
                     @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt, List<MyTeam> teams) {
    }

    @GET
    @Path("/me")
    public Me me(@Auth Caller caller) {
        return jdbi.withHandle(h -> {
            User user = h.attach(UserDao.class).findById(caller.userId())
                    .orElseThrow(() -> ApiException.notFound("your account no longer exists"));
            List<MyTeam> teams = h.attach(TeamDao.class).teamsOf(user.id()).stream()
                    .map(t -> new MyTeam(t.teamName(), t.role().dbValue(), t.personal())).toList();
            return new Me(user.id(), user.email(), user.name(), user.createdAt(), teams);
        });
    }
}
