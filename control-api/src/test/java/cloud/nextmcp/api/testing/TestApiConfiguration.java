package cloud.nextmcp.api.testing;

import cloud.nextmcp.api.ControlApiConfig;
import cloud.nextmcp.core.billing.BillingConfig;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;

public class TestApiConfiguration extends Configuration {
    @JsonProperty("api")
    public ControlApiConfig api;

    @JsonProperty("billing")
    public BillingConfig billing = BillingConfig.disabled();

    @JsonProperty("github")
    public cloud.nextmcp.core.github.GithubConfig github = cloud.nextmcp.core.github.GithubConfig.disabled();
}
