package cloud.nextmcp.api.billing;

import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.Require;
import cloud.nextmcp.api.teams.TeamAccess;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.accounts.TeamMembership;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * A team's plan and its payment: Admins and Owners read it, only Owners start a checkout or open
 * the customer portal (where the card, invoices and cancelling live).
 */
@Path("/api/v1/teams/{team}/billing")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class BillingResource {
    private final Jdbi jdbi;
    private final BillingService billing;
    private final Auditor auditor;
    private final Actors actors;

    public BillingResource(Jdbi jdbi, BillingService billing, Auditor auditor, Actors actors) {
        this.jdbi = jdbi;
        this.billing = billing;
        this.auditor = auditor;
        this.actors = actors;
    }

    public record Upgrade(String plan) {
    }

    public record SessionUrl(String url) {
    }

    @GET
    public BillingView show(@Auth Caller caller, @PathParam("team") String team) {
        return jdbi.withHandle(h -> billing.view(h, TeamAccess.require(h, caller, team, Role.ADMIN, "reading billing")));
    }

    @POST
    @Path("/checkout")
    public SessionUrl checkout(@Auth Caller caller, @PathParam("team") String team, Upgrade body,
                               @Context HttpServletRequest request) {
        String plan = Require.text(Require.body(body, "{\"plan\":\"pro\"}").plan(), "plan").strip();
        TeamMembership membership = owner(caller, team, "changing the plan");
        String url = billing.checkout(membership, plan);
        jdbi.useHandle(h -> auditor.record(h, actors.of(caller, request), "billing.checkout", team, Map.of("plan", plan)));
        return new SessionUrl(url);
    }

    @POST
    @Path("/portal")
    public SessionUrl portal(@Auth Caller caller, @PathParam("team") String team, @Context HttpServletRequest request) {
        TeamMembership membership = owner(caller, team, "opening the billing portal");
        String url = billing.portal(membership);
        jdbi.useHandle(h -> auditor.record(h, actors.of(caller, request), "billing.portal", team, Map.of()));
        return new SessionUrl(url);
    }

    private TeamMembership owner(Caller caller, String team, String action) {
        return jdbi.withHandle(h -> TeamAccess.require(h, caller, team, Role.OWNER, action));
    }
}
