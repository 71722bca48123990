package cloud.nextmcp.api.config;

import cloud.nextmcp.api.apps.AppScope;
import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.auth.Caller;
import cloud.nextmcp.api.problems.ApiException;
import cloud.nextmcp.api.problems.Require;
import cloud.nextmcp.core.accounts.Role;
import cloud.nextmcp.core.releases.ConfigChanges;
import cloud.nextmcp.core.releases.ConfigVarDao;
import cloud.nextmcp.core.releases.ConfigVars;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Config vars. Values are secrets: Members and stronger read them; a Viewer sees the keys with
 * every value replaced by {@link #MASK}. Changing them (Member+) makes a new release.
 */
@Path("/api/v1/apps/{app}/config")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class ConfigResource {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigResource.class);
    public static final String MASK = "********";
    static final int MAX_VALUE_CHARS = 32_768;

    private final Jdbi jdbi;
    private final ConfigVars configVars;
    private final ConfigChanges changes;
    private final Auditor auditor;
    private final Actors actors;

    public ConfigResource(Jdbi jdbi, ConfigVars configVars, Auditor auditor, Actors actors) {
        this.jdbi = jdbi;
        this.configVars = configVars;
        this.changes = new ConfigChanges(configVars);
        this.auditor = auditor;
        this.actors = actors;
    }

    @GET
    public Map<String, String> show(@Auth Caller caller, @PathParam("app") String app) {
        return jdbi.withHandle(h -> {
            AppScope scope = AppScope.of(h, caller, app);
            Map<String, String> plain = configVars.open(h.attach(ConfigVarDao.class).list(scope.appId()));
            if (scope.role().atLeast(Role.MEMBER)) {
                return plain;
            }
            Map<String, String> masked = new TreeMap<>();
            plain.keySet().forEach(key -> masked.put(key, MASK));
            return masked;
        });
    }

    /** {@code {"KEY":"value","OTHER":null}}: sets KEY, removes OTHER; answers the whole new config. */
    @PATCH
    public Map<String, String> change(@Auth Caller caller, @PathParam("app") String app, Map<String, String> body,
                                      @Context HttpServletRequest request) {
        Map<String, String> wanted = validated(Require.body(body, "{\"KEY\": \"value\", \"OTHER\": null}"));
        return jdbi.inTransaction(h -> {
            AppScope scope = AppScope.require(h, caller, app, Role.MEMBER, "changing config vars");
            ConfigChanges.Outcome outcome;
            try {
                outcome = changes.apply(h, scope.appId(), wanted, caller.userId());
            } catch (ConfigChanges.Refused e) {
                throw ApiException.invalid(e.getMessage());
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("set", outcome.set());
            detail.put("removed", outcome.removed());
            detail.put("release", outcome.release().map(r -> r.version()).orElse(null));
            auditor.record(h, actors.of(caller, request), "config.change", app, detail);
            LOG.info("Config of app {} (id {}) changed by user {}: set {}, removed {}, release {}", app, scope.appId(),
                    caller.userId(), outcome.set(), outcome.removed(), detail.get("release"));
            return configVars.open(h.attach(ConfigVarDao.class).list(scope.appId()));
        });
    }

    private static Map<String, String> validated(Map<String, String> body) {
        if (body.isEmpty()) {
            throw ApiException.invalid("no config vars given: send {\"KEY\": \"value\"} to set, {\"KEY\": null} to remove");
        }
        // Names, reserved names and the limits of the whole config are ConfigChanges' rules.
        body.forEach((key, value) -> {
            if (value != null && value.length() > MAX_VALUE_CHARS) {
                throw ApiException.invalid("the value of '" + key + "' is longer than " + MAX_VALUE_CHARS + " characters");
            }
        });
        return body;
    }
}
