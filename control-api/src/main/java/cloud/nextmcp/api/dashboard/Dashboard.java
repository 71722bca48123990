package cloud.nextmcp.api.dashboard;

import cloud.nextmcp.api.access.AccessResource;
import cloud.nextmcp.api.apps.AppsResource;
import cloud.nextmcp.api.auth.AuthResource;
import cloud.nextmcp.api.autoscale.AutoscaleResource;
import cloud.nextmcp.api.auth.ClientAddress;
import cloud.nextmcp.api.auth.RateLimiter;
import cloud.nextmcp.api.billing.BillingResource;
import cloud.nextmcp.api.builds.BuildsResource;
import cloud.nextmcp.api.config.ConfigResource;
import cloud.nextmcp.api.dashboard.access.AccessPages;
import cloud.nextmcp.api.dashboard.account.AccountPages;
import cloud.nextmcp.api.dashboard.account.KeysAndTokensPages;
import cloud.nextmcp.api.dashboard.account.LogoutPage;
import cloud.nextmcp.api.dashboard.invite.InvitePages;
import cloud.nextmcp.api.dashboard.team.TeamPages;
import cloud.nextmcp.api.domains.DomainsResource;
import cloud.nextmcp.api.keys.KeysResource;
import cloud.nextmcp.api.teams.InvitationsResource;
import cloud.nextmcp.api.teams.TeamsResource;
import cloud.nextmcp.api.tokens.TokensResource;
import cloud.nextmcp.api.dashboard.apps.AppsPages;
import cloud.nextmcp.api.dashboard.assets.AssetsResource;
import cloud.nextmcp.api.dashboard.billing.BillingPages;
import cloud.nextmcp.api.dashboard.domains.DomainsPages;
import cloud.nextmcp.api.dashboard.logs.LogsPages;
import cloud.nextmcp.api.dashboard.releases.ReleasesPages;
import cloud.nextmcp.api.dashboard.session.SecurityHeaders;
import cloud.nextmcp.api.dashboard.session.SessionCookies;
import cloud.nextmcp.api.dashboard.session.SessionFilter;
import cloud.nextmcp.api.logs.LogsResource;
import cloud.nextmcp.api.oauth.ConsentsResource;
import cloud.nextmcp.api.metrics.MetricsResource;
import cloud.nextmcp.api.dashboard.metrics.MetricsPages;
import cloud.nextmcp.api.dashboard.tools.AppMcpClient;
import cloud.nextmcp.api.dashboard.tools.ToolsPages;
import com.fasterxml.jackson.databind.ObjectMapper;
import cloud.nextmcp.api.releases.ReleasesResource;
import cloud.nextmcp.api.runtime.ProcessesResource;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.config.PublicEndpoints;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.views.common.ViewMessageBodyWriter;
import io.dropwizard.views.common.ViewRenderer;
import io.dropwizard.views.freemarker.FreemarkerViewRenderer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The web dashboard at {@code /}: server-rendered pages (FreeMarker, HTML auto-escaping) over the
 * API's own resources, so a page may do exactly what the API lets the same person do.
 *
 * @param resources the API resources the pages read and write through
 */
public record Dashboard(Resources resources, RateLimiter loginLimiter, ClientAddress clientAddress,
                        SessionCookies cookies, Secrets secrets, PublicEndpoints endpoints) {

    /** The API resources the pages call. */
    public record Resources(AuthResource auth, AppsResource apps, BuildsResource builds, ReleasesResource releases,
                            ProcessesResource processes, ConfigResource config, LogsResource logs,
                            MetricsResource metrics, TeamsResource teams, KeysResource keys, TokensResource tokens,
                            DomainsResource domains, BillingResource billing, AccessResource access,
                            ConsentsResource consents, InvitationsResource invitations, AutoscaleResource autoscale) {
    }

    public void register(JerseyEnvironment jersey, MetricRegistry metrics, ObjectMapper json) {
        ViewRenderer freemarker = new FreemarkerViewRenderer();
        // A template error becomes the usual 500 answer, not FreeMarker's debug page with template internals.
        freemarker.configure(Map.of("template_exception_handler", "rethrow", "url_escaping_charset", "UTF-8",
                "output_encoding", "UTF-8"));
        jersey.register(new ViewMessageBodyWriter(metrics, List.of(freemarker)));
        jersey.register(new SecurityHeaders());
        jersey.register(new SessionFilter(cookies));
        jersey.register(new Home());
        jersey.register(new AssetsResource());
        jersey.register(new AccountPages(resources.auth(), loginLimiter, clientAddress, cookies, secrets));
        jersey.register(new LogoutPage(resources.auth(), cookies));
        jersey.register(new KeysAndTokensPages(resources.keys(), resources.tokens(), resources.consents()));
        jersey.register(new TeamPages(resources.teams(), resources.invitations()));
        jersey.register(new InvitePages(resources.invitations(), cookies));
        jersey.register(new AppsPages(resources.apps(), resources.builds(), resources.releases(), resources.processes(),
                endpoints, resources.teams()));
        jersey.register(new AccessPages(resources.apps(), resources.access(), resources.tokens()));
        jersey.register(new LogsPages(resources.apps(), resources.logs()));
        jersey.register(new MetricsPages(resources.apps(), resources.metrics(), json));
        jersey.register(new ToolsPages(resources.apps(), resources.access(), resources.tokens(), endpoints,
                new AppMcpClient()));
        jersey.register(new ReleasesPages(resources.apps(), resources.releases(), resources.config(),
                resources.processes(), resources.autoscale()));
        jersey.register(new DomainsPages(resources.apps(), resources.domains()));
        jersey.register(new BillingPages(resources.billing(), resources.teams()));
    }

    /** {@code /} is the apps list (which sends a visitor without a session to the login). */
    @Path("/")
    public static final class Home {
        @GET
        public Response home() {
            return Response.seeOther(URI.create("/apps")).build();
        }
    }
}
