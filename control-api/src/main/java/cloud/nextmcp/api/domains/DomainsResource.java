package cloud.nextmcp.api.domains;

import cloud.nextmcp.api.apps.AppScope;
import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.db.UniqueViolation;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.Require;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.domains.Domain;
import cloud.nextmcp.core.domains.DomainDao;
import cloud.nextmcp.core.domains.DomainName;
import cloud.nextmcp.core.domains.DomainsConfig;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Custom domains of an app. Admins and Owners add, verify and remove; every team member reads.
 * The API only records claims and asks for checks: DNS checks and certificates are the domain
 * verifier's and the certificate manager's (background roles), so the API never waits on DNS.
 */
@Path("/api/v1/apps/{app}/domains")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class DomainsResource {
    private static final Logger LOG = LoggerFactory.getLogger(DomainsResource.class);
    /** How long {@code verify} waits for the verifier's answer before returning the state as it is. */
    static final Duration VERIFY_WAIT = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final DomainsConfig config;
    private final String appsDomain;
    private final Auditor auditor;
    private final Actors actors;
    private final SecureRandom random;
    private final Entitlements entitlements;

    public DomainsResource(Jdbi jdbi, DomainsConfig config, String appsDomain, Auditor auditor, Actors actors,
                           SecureRandom random, Entitlements entitlements) {
        this.jdbi = jdbi;
        this.config = config;
        this.appsDomain = appsDomain;
        this.auditor = auditor;
        this.actors = actors;
        this.random = random;
        this.entitlements = entitlements;
    }

    /** {@code {"hostname": "mcp.example.com", "redirectHttp": false}}. */
    public record AddDomain(String hostname, Boolean redirectHttp) {
    }

    @GET
    public List<DomainView> list(@Auth Caller caller, @PathParam("app") String app) {
        return jdbi.withHandle(h -> {
            AppScope scope = AppScope.of(h, caller, app);
            return h.attach(DomainDao.class).listForApp(scope.appId()).stream().map(d -> DomainView.of(d, config)).toList();
        });
    }

    @POST
    public Response add(@Auth Caller caller, @PathParam("app") String app, AddDomain body,
                        @Context HttpServletRequest request) {
        Require.body(body, "{\"hostname\": \"mcp.example.com\"}");
        String hostname;
        try {
            hostname = DomainName.normalize(Require.text(body.hostname(), "hostname"), appsDomain);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
        boolean redirect = Boolean.TRUE.equals(body.redirectHttp());
        String token = "nextmcp-verify=" + HexFormat.of().formatHex(randomBytes());
        DomainView view = jdbi.inTransaction(h -> {
            AppScope scope = AppScope.require(h, caller, app, Role.ADMIN, "adding custom domains");
            DomainDao domains = h.attach(DomainDao.class);
            entitlements.requireDomainSlot(h, scope.appId(), domains.listForApp(scope.appId()).size());
            long id = UniqueViolation.insertOrEmpty(h, DomainDao.UNIQUE_CLAIM,
                    () -> domains.insert(hostname, scope.appId(), token, redirect))
                    .orElseThrow(() -> ApiException.conflict("domain " + hostname + " is already added to app '" + app
                            + "': see 'nextmcp domains list'"));
            auditor.record(h, actors.of(caller, request), "domain.add", app, Map.of("hostname", hostname));
            EventBus.publish(h, Channels.DOMAINS, hostname);
            Domain added = domains.byId(id).orElseThrow();
            LOG.info("Domain {} added to app {} (id {}) by user {}", hostname, app, scope.appId(), caller.userId());
            return DomainView.of(added, config);
        });
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    /** Asks for a DNS check now and waits briefly for its outcome. */
    @POST
    @Path("{hostname}/verify")
    public DomainView verify(@Auth Caller caller, @PathParam("app") String app, @PathParam("hostname") String name) {
        Domain before = jdbi.inTransaction(h -> {
            Domain d = domain(h, caller, app, name, Role.ADMIN, "verifying custom domains");
            h.attach(DomainDao.class).checkNow(d.id());
            EventBus.publish(h, Channels.DOMAINS, d.hostname());
            return d;
        });
        Instant deadline = Instant.now().plus(VERIFY_WAIT);
        Domain now = before;
        while (Instant.now().isBefore(deadline)) {
            now = jdbi.withHandle(h -> h.attach(DomainDao.class).byId(before.id())).orElseThrow(() -> notFound(name, app));
            if (now.lastCheckedAt() != null && !Objects.equals(now.lastCheckedAt(), before.lastCheckedAt())) {
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return DomainView.of(now, config);
    }

    /** Removes the claim; a verified domain's route and certificate go at once. */
    @DELETE
    @Path("{hostname}")
    public Response remove(@Auth Caller caller, @PathParam("app") String app, @PathParam("hostname") String name,
                           @Context HttpServletRequest request) {
        jdbi.useTransaction(h -> {
            Domain d = domain(h, caller, app, name, Role.ADMIN, "removing custom domains");
            DomainDao domains = h.attach(DomainDao.class);
            if (d.verified()) {
                domains.deleteRoute(d.hostname());
                EventBus.publish(h, Channels.ROUTES, Long.toString(d.appId()));
            }
            domains.delete(d.id());
            auditor.record(h, actors.of(caller, request), "domain.remove", app, Map.of("hostname", d.hostname()));
            EventBus.publish(h, Channels.DOMAINS, d.hostname());
            LOG.info("Domain {} removed from app {} (id {}) by user {}", d.hostname(), app, d.appId(), caller.userId());
        });
        return Response.noContent().build();
    }

    private Domain domain(Handle h, Caller caller, String app, String name, Role needed, String action) {
        AppScope scope = AppScope.require(h, caller, app, needed, action);
        String hostname;
        try {
            hostname = DomainName.normalize(name, appsDomain);
        } catch (IllegalArgumentException e) {
            throw notFound(name, app);
        }
        return h.attach(DomainDao.class).find(scope.appId(), hostname).orElseThrow(() -> notFound(hostname, app));
    }

    private static ApiException notFound(String hostname, String app) {
        return ApiException.notFound("domain " + hostname + " is not added to app '" + app + "': see 'nextmcp domains list -a " + app + "'");
    }

    private byte[] randomBytes() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return b;
    }
}
