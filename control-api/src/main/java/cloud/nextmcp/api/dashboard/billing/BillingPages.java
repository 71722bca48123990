package cloud.nextmcp.api.dashboard.billing;

import cloud.nextmcp.api.billing.BillingResource;
import cloud.nextmcp.api.billing.BillingView;
import cloud.nextmcp.api.dashboard.Page;
import cloud.nextmcp.api.dashboard.session.DashboardPage;
import cloud.nextmcp.api.dashboard.session.DashboardSession;
import cloud.nextmcp.api.dashboard.session.SignedIn;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.teams.TeamView;
import cloud.nextmcp.api.teams.TeamsResource;
import cloud.nextmcp.core.accounts.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * A team's plan, standing, usage this month, limits and what is over them, read through
 * {@link BillingResource} (Admins and Owners). Upgrade and Portal are the resource's checkout and
 * portal, for Owners. Their Stripe URL is shown as a link on the answer rather than redirected to:
 * the dashboard's CSP allows forms to submit only to itself, which Chromium applies to redirects too.
 */
@Path("/teams/{team}/billing")
@DashboardPage
@SignedIn
@Produces(MediaType.TEXT_HTML)
public final class BillingPages {
    private final BillingResource billing;
    private final TeamsResource teams;

    public BillingPages(BillingResource billing, TeamsResource teams) {
        this.billing = billing;
        this.teams = teams;
    }

    @GET
    public Response page(@PathParam("team") String team, @Context ContainerRequestContext context) {
        DashboardSession session = DashboardSession.of(context);
        try {
            return page(session, team).ok();
        } catch (ApiException e) {
            return Page.problem(session, e);
        }
    }

    @POST
    @Path("/upgrade")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response upgrade(@PathParam("team") String team, @FormParam("plan") String plan,
                            @Context ContainerRequestContext context, @Context HttpServletRequest request) {
        return toStripe(context, team, "Continue to payment for the " + plan + " plan",
                () -> billing.checkout(DashboardSession.of(context).caller(), team,
                        new BillingResource.Upgrade(plan), request));
    }

    @POST
    @Path("/portal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response portal(@PathParam("team") String team, @Context ContainerRequestContext context,
                           @Context HttpServletRequest request) {
        return toStripe(context, team, "Open the billing portal",
                () -> billing.portal(DashboardSession.of(context).caller(), team, request));
    }

    /** The page again with the session's link, or with the API's refusal where the buttons are. */
    private Response toStripe(ContainerRequestContext context, String team, String label,
                              Supplier<BillingResource.SessionUrl> session) {
        DashboardSession dashboard = DashboardSession.of(context);
        try {
            BillingResource.SessionUrl url = session.get();
            return page(dashboard, team).with("stripeUrl", url.url()).with("stripeLabel", label).ok();
        } catch (ApiException e) {
            try {
                return page(dashboard, team).withError(e.getMessage()).respond(e.status());
            } catch (ApiException unreadable) {
                return Page.problem(dashboard, unreadable);
            }
        }
    }

    private Page page(DashboardSession session, String team) {
        BillingView view = billing.show(session.caller(), team);
        Role role = teams.list(session.caller()).stream().filter(t -> t.name().equals(view.team())).map(TeamView::role)
                .map(Role::parse).findFirst().orElse(Role.VIEWER);
        return new Page("billing.ftlh", "Billing · " + view.team(), session).with("billing", view)
                .with("actions", BillingActions.of(view, role));
    }
}
