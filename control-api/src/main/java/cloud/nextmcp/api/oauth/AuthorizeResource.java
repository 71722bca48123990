package cloud.nextmcp.api.oauth;

import cloud.nextmcp.api.audit.Actor;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.AuthService;
import cloud.nextmcp.api.auth.ClientAddress;
import cloud.nextmcp.api.auth.RateLimited;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.core.accounts.Secrets;
import cloud.nextmcp.core.accounts.User;
import cloud.nextmcp.core.apps.App;
import cloud.nextmcp.core.apps.AppAccess;
import cloud.nextmcp.core.apps.AppDao;
import cloud.nextmcp.core.apps.AppGrantDao;
import cloud.nextmcp.core.apps.Visibility;
import cloud.nextmcp.core.events.Channels;
import cloud.nextmcp.core.events.EventBus;
import cloud.nextmcp.core.oauth.AuthorizationCodeDao;
import cloud.nextmcp.core.oauth.ConsentDao;
import cloud.nextmcp.core.oauth.OAuthClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The authorization endpoint: authorization code with PKCE S256 only, {@code resource} required.
 * An unknown client or a redirect URI that does not match is shown on the page and never
 * redirected to; every later error goes back to the client's redirect URI.
 */
@Path("/oauth/authorize")
public final class AuthorizeResource {
    private static final Duration CODE_TTL = Duration.ofMinutes(1);
    private static final List<String> PARAMS = List.of("response_type", "client_id", "redirect_uri", "code_challenge",
            "code_challenge_method", "resource", "scope", "state");

    private final Jdbi jdbi;
    private final Clients clients;
    private final ResourceUrls resources;
    private final AuthService auth;
    private final Auditor auditor;
    private final ClientAddress clientAddress;
    private final String issuer;
    private final SecureRandom random;
    private final Clock clock;

    AuthorizeResource(Jdbi jdbi, Clients clients, ResourceUrls resources, AuthService auth, Auditor auditor,
                      ClientAddress clientAddress, String issuer, SecureRandom random, Clock clock) {
        this.jdbi = jdbi;
        this.clients = clients;
        this.resources = resources;
        this.auth = auth;
        this.auditor = auditor;
        this.clientAddress = clientAddress;
        this.issuer = issuer;
        this.random = random;
        this.clock = clock;
    }

    /** A request that passed every check: what the code will carry. */
    private record Valid(OAuthClient client, String redirectUri, String challenge, ResourceUrls.Target target, String state,
                         Map<String, String> params) {
    }

    /** Either a valid request or the answer that refuses it. */
    private record Checked(Valid valid, Response refusal) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@Context UriInfo uri) {
        Checked c = check(uri.getQueryParameters());
        if (c.refusal() != null) {
            return c.refusal();
        }
        Valid v = c.valid();
        return html(200, ConsentPage.render(v.client().clientName(), v.client().clientId(), v.target().app(), v.params(), null));
    }

    @POST
    @RateLimited
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response decide(MultivaluedMap<String, String> form, @Context HttpServletRequest request) {
        Checked c = check(form);
        if (c.refusal() != null) {
            return c.refusal();
        }
        Valid v = c.valid();
        if (!"allow".equals(form.getFirst("decision"))) {
            return back(v.redirectUri(), v.state(), Map.of("error", "access_denied", "error_description", "the user denied access"));
        }
        User user;
        try {
            user = auth.authenticate(text(form, "email"), text(form, "password"));
        } catch (ApiException e) {
            return html(401, ConsentPage.render(v.client().clientName(), v.client().clientId(), v.target().app(), v.params(),
                    "Invalid e-mail or password."));
        }
        String code = newCode();
        boolean allowed = jdbi.inTransaction(h -> {
            Optional<App> app = h.attach(AppDao.class).findByName(v.target().app());
            if (app.isEmpty() || !mayCall(h, app.get(), user.id())) {
                return false;
            }
            long appId = app.get().id();
            if (h.attach(ConsentDao.class).give(user.id(), v.client().clientId(), appId) == 1) {
                auditor.record(h, new Actor(user.id(), user.email(), clientAddress.of(request)), "oauth.consent", app.get().name(),
                        Map.of("client", v.client().clientId(), "clientName", v.client().clientName()));
                EventBus.publish(h, Channels.ACCESS, Long.toString(appId));
            }
            h.attach(AuthorizationCodeDao.class).insert(Secrets.hash(code), v.client().clientId(), user.id(), appId,
                    v.target().resource(), v.redirectUri(), v.challenge(), clock.instant().plus(CODE_TTL));
            return true;
        });
        if (!allowed) {
            return back(v.redirectUri(), v.state(), Map.of("error", "access_denied",
                    "error_description", "you may not call app " + v.target().app() + "; ask an admin of its team for access"));
        }
        return back(v.redirectUri(), v.state(), Map.of("code", code));
    }

    private static boolean mayCall(org.jdbi.v3.core.Handle h, App app, long userId) {
        if (h.attach(AppGrantDao.class).visibility(app.id()) == Visibility.PUBLIC) {
            return true;
        }
        return h.attach(AppAccess.class).roleOn(userId, app.name()).isPresent() || h.attach(AppGrantDao.class).granted(app.id(), userId);
    }

    private Checked check(MultivaluedMap<String, String> in) {
        String clientId = in.getFirst("client_id");
        Optional<OAuthClient> client;
        try {
            client = clients.find(clientId);
        } catch (ClientMetadataFetcher.Refused e) {
            return refuse(html(400, ConsentPage.error("The client cannot be used: " + e.getMessage() + ".")));
        }
        if (client.isEmpty()) {
            return refuse(html(400, ConsentPage.error("Unknown client '" + clientId + "'. The application must register first.")));
        }
        String redirect = in.getFirst("redirect_uri");
        if (redirect == null || List.of(client.get().redirectUris()).stream().noneMatch(r -> RedirectUris.matches(r, redirect))) {
            return refuse(html(400, ConsentPage.error("The redirect URI does not match one the client registered.")));
        }
        String state = in.getFirst("state");
        if (!"code".equals(in.getFirst("response_type"))) {
            return refuse(back(redirect, state, Map.of("error", "unsupported_response_type", "error_description", "only response_type=code")));
        }
        String challenge = in.getFirst("code_challenge");
        if (challenge == null || !challenge.matches("[A-Za-z0-9_-]{43}") || !"S256".equals(in.getFirst("code_challenge_method"))) {
            return refuse(back(redirect, state, Map.of("error", "invalid_request", "error_description",
                    "PKCE is required: code_challenge with code_challenge_method=S256")));
        }
        ResourceUrls.Target target = resources.parse(in.getFirst("resource"));
        if (target == null) {
            return refuse(back(redirect, state, Map.of("error", "invalid_target", "error_description",
                    "resource must be the URL of an app on this platform, e.g. http://<app>.<apps domain>/")));
        }
        String scope = in.getFirst("scope");
        if (scope != null && !scope.isBlank() && !List.of(scope.trim().split("\\s+")).stream().allMatch("mcp"::equals)) {
            return refuse(back(redirect, state, Map.of("error", "invalid_scope", "error_description", "the only scope is mcp")));
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : PARAMS) {
            if (in.getFirst(p) != null) {
                params.put(p, in.getFirst(p));
            }
        }
        return new Checked(new Valid(client.get(), redirect, challenge, target, state, params), null);
    }

    private static Checked refuse(Response r) {
        return new Checked(null, r);
    }

    private Response back(String redirectUri, String state, Map<String, String> params) {
        StringBuilder to = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        Map<String, String> all = new LinkedHashMap<>(params);
        if (state != null) {
            all.put("state", state);
        }
        all.put("iss", issuer);
        all.forEach((k, v) -> to.append(enc(k)).append('=').append(enc(v)).append('&'));
        to.setLength(to.length() - 1);
        return Response.status(302).location(URI.create(to.toString())).header("Cache-Control", "no-store").build();
    }

    private static Response html(int status, String body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(body)
                .header("Cache-Control", "no-store").header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .build();
    }

    private String newCode() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String text(MultivaluedMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null ? "" : v;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
