package cloud.nextmcp.server;

import cloud.nextmcp.core.config.DataDirectory;
import cloud.nextmcp.api.ControlApiConfig;
import cloud.nextmcp.build.autoscale.AutoscaleConfig;
import cloud.nextmcp.build.builds.BuilderConfig;
import cloud.nextmcp.build.runtime.RuntimeConfig;
import cloud.nextmcp.build.sandbox.SandboxConfig;
import cloud.nextmcp.core.billing.BillingConfig;
import cloud.nextmcp.core.db.DatabaseConfig;
import cloud.nextmcp.core.domains.DomainsConfig;
import cloud.nextmcp.core.github.GithubConfig;
import cloud.nextmcp.git.GitGatewayConfig;
import cloud.nextmcp.router.RouterConfig;
import cloud.nextmcp.server.domains.AcmeConfig;
import cloud.nextmcp.server.platform.EndpointsConfig;
import cloud.nextmcp.server.platform.LeaderConfig;
import cloud.nextmcp.server.platform.RoleName;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The server's YAML configuration. Each role reads its own section; every section and field has
 * a default, so an empty file runs all roles on an embedded database in {@code ~/.nextmcp}.
 * Documented in docs/configuration.md.
 */
public class ServerConfiguration extends Configuration {
    @JsonProperty
    private List<RoleName> roles = List.of(RoleName.values());

    @JsonProperty
    private String dataDir = "~/.nextmcp";

    @JsonProperty
    private String publicHost = "localhost";

    @JsonProperty
    private DatabaseConfig database = DatabaseConfig.embedded();

    /** Base64 AES-256 key for config vars; generated into the data directory when unset. */
    @JsonProperty
    private String masterKey;

    @JsonProperty
    private EndpointsConfig endpoints = EndpointsConfig.derived();

    @JsonProperty
    private ControlApiConfig api = ControlApiConfig.withSecret(null);

    @JsonProperty
    private GitGatewayConfig git = GitGatewayConfig.defaults();

    @JsonProperty
    private RouterConfig router = RouterConfig.defaults();

    @JsonProperty
    private BuilderConfig builder = BuilderConfig.defaults();

    @JsonProperty
    private RuntimeConfig runtime = RuntimeConfig.defaults();

    @JsonProperty
    private SandboxConfig sandbox = SandboxConfig.defaults();

    @JsonProperty
    private AutoscaleConfig autoscale = AutoscaleConfig.defaults();

    @JsonProperty
    private BillingConfig billing = BillingConfig.disabled();

    @JsonProperty
    private DomainsConfig domains = DomainsConfig.defaults();

    @JsonProperty
    private AcmeConfig acme = AcmeConfig.disabled();

    @JsonProperty
    private LeaderConfig leader = LeaderConfig.defaults();

    @JsonProperty
    private GithubConfig github = GithubConfig.disabled();

    public ServerConfiguration() {
        // One HTTP port for the API (8000) with the admin pages under /admin: the router owns 8080.
        SimpleServerFactory server = new SimpleServerFactory();
        HttpConnectorFactory connector = new HttpConnectorFactory();
        connector.setPort(8000);
        server.setConnector(connector);
        server.setAdminContextPath("/admin");
        setServerFactory(server);
    }

    public Set<RoleName> roles() {
        return roles.isEmpty() ? EnumSet.allOf(RoleName.class) : EnumSet.copyOf(roles);
    }

    public DataDirectory dataDirectory() {
        String dir = dataDir.startsWith("~/") || dataDir.equals("~")
                ? System.getProperty("user.home") + dataDir.substring(1)
                : dataDir;
        return new DataDirectory(Path.of(dir));
    }

    public void overrideDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    public String publicHost() {
        return publicHost;
    }

    public DatabaseConfig database() {
        return database == null ? DatabaseConfig.embedded() : database;
    }

    public String masterKey() {
        return masterKey;
    }

    public ControlApiConfig api() {
        return api == null ? ControlApiConfig.withSecret(null) : api;
    }

    public GitGatewayConfig git() {
        return git == null ? GitGatewayConfig.defaults() : git;
    }

    public RouterConfig router() {
        return router == null ? RouterConfig.defaults() : router;
    }

    public BuilderConfig builder() {
        return builder == null ? BuilderConfig.defaults() : builder;
    }

    public RuntimeConfig runtime() {
        return runtime == null ? RuntimeConfig.defaults() : runtime;
    }

    public AutoscaleConfig autoscale() {
        return autoscale == null ? AutoscaleConfig.defaults() : autoscale;
    }

    public SandboxConfig sandbox() {
        return sandbox == null ? SandboxConfig.defaults() : sandbox;
    }

    public BillingConfig billing() {
        return billing == null ? BillingConfig.disabled() : billing;
    }

    public DomainsConfig domains() {
        return domains == null ? DomainsConfig.defaults() : domains;
    }

    public AcmeConfig acme() {
        return acme == null ? AcmeConfig.disabled() : acme;
    }

    public LeaderConfig leader() {
        return leader == null ? LeaderConfig.defaults() : leader;
    }

    public GithubConfig github() {
        return github == null ? GithubConfig.disabled() : github;
    }

    public EndpointsConfig endpoints() {
        return endpoints == null ? EndpointsConfig.derived() : endpoints;
    }
}
