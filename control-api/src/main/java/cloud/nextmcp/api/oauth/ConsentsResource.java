package cloud.nextmcp.api.oauth;

import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.Require;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.oauth.Consent;
import cloud.nextmcp.core.oauth.ConsentDao;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The OAuth clients the caller allowed to call apps for them, and withdrawing that consent. */
@Path("/api/v1/oauth/consents")
@Produces(MediaType.APPLICATION_JSON)
public final class ConsentsResource {
    private final Jdbi jdbi;
    private final Auditor auditor;
    private final Actors actors;

    public ConsentsResource(Jdbi jdbi, Auditor auditor, Actors actors) {
        this.jdbi = jdbi;
        this.auditor = auditor;
        this.actors = actors;
    }

    public record ConsentView(String app, String clientId, String clientName,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt) {
        static ConsentView of(Consent c) {
            return new ConsentView(c.app(), c.clientId(), c.clientName(), c.createdAt());
        }
    }

    @GET
    public List<ConsentView> list(@Auth Caller caller) {
        return jdbi.withHandle(h -> h.attach(ConsentDao.class).ofUser(caller.userId())).stream().map(ConsentView::of).toList();
    }

    /** Withdraws a consent: the client's refresh tokens end now, and routers refuse its access tokens within a second. */
    @DELETE
    public Response withdraw(@Auth Caller caller, @QueryParam("app") String app, @QueryParam("client") String client,
                             @Context HttpServletRequest request) {
        String appName = Require.text(app, "app");
        String clientId = Require.text(client, "client");
        jdbi.useTransaction(h -> {
            App found = h.attach(AppDao.class).findByName(appName).orElse(null);
            if (found == null || h.attach(ConsentDao.class).withdraw(caller.userId(), clientId, found.id()) == 0) {
                throw ApiException.notFound("you gave client '" + clientId + "' no consent for app '" + appName
                        + "'; see GET /api/v1/oauth/consents");
            }
            EventBus.publish(h, Channels.ACCESS, Long.toString(found.id()));
            auditor.record(h, actors.of(caller, request), "oauth.consent_revoke", appName, Map.of("client", clientId));
        });
        return Response.noContent().build();
    }
}
