package cloud.nextmcp.api.github;

import cloud.nextmcp.api.apps.AppsResource;
import cloud.nextmcp.api.audit.Actors;
import cloud.nextmcp.api.audit.Auditor;
import cloud.nextmcp.api.dashboard.previews.PreviewsPages;
import cloud.nextmcp.core.billing.Entitlements;
import cloud.nextmcp.core.config.PublicEndpoints;
import cloud.nextmcp.core.github.GithubConfig;
import cloud.nextmcp.core.github.Previews;
import cloud.nextmcp.core.releases.ConfigVars;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import org.jdbi.v3.core.Jdbi;

/** The GitHub part of the API: the webhook, connections and previews (API and dashboard page). */
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

    /** {@code apps} serves the dashboard's Previews page its app header. */
    public void register(JerseyEnvironment jersey, Auditor auditor, Actors actors, ObjectMapper json, AppsResource apps) {
        jersey.register(new WebhookResource(config, jdbi, json));
        GithubResource github = new GithubResource(config, jdbi, auditor, actors);
        jersey.register(github);
        PreviewsResource previewsResource = new PreviewsResource(jdbi, previews, endpoints, auditor, actors);
        jersey.register(previewsResource);
        jersey.register(new PreviewsPages(apps, previewsResource, github));
    }
}
