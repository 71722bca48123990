package cloud.nextmcp.api.github;

import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.github.GithubConfig;
import cloud.nextmcp.core.github.Previews;
import cloud.nextmcp.core.releases.ConfigVars;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import org.jdbi.v3.core.Jdbi;

/** The GitHub part of the API: the webhook, connections and previews. */
public final class GithubApi {
    private final GithubConfig config;
    private final Jdbi jdbi;
    private final Previews previews;
    private final PublicEndpoints endpoints;

    public GithubApi(GithubConfig config, Jdbi jdbi, ConfigVars configVars, Entitlements entitlements,
                     PublicEndpoints endpoints) {
        this.config = config;
        this.jdbi = jdbi;
        this.previews = new Previews(configVars, entitlements);
        this.endpoints = endpoints;
    }

    public void register(JerseyEnvironment jersey, Auditor auditor, Actors actors, ObjectMapper json) {
        jersey.register(new WebhookResource(config, jdbi, json));
        jersey.register(new GithubResource(config, jdbi, auditor, actors));
        jersey.register(new PreviewsResource(jdbi, previews, endpoints, auditor, actors));
    }
}
