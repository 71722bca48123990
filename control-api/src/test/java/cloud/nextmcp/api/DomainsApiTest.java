package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Notifications;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import cloud.nextmcp.core.events.Channels;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Custom domains through the API: who may add and remove them, what is stored and what a user is told to create in DNS. */
@ExtendWith(DropwizardExtensionsSupport.class)
class DomainsApiTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    static ApiClient api;
    static Jdbi jdbi;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
        jdbi = APP.<TestApiApplication>getApplication().jdbi();
    }

    @Test
    void adminsAddADomainAndAreToldWhichRecordsToCreate() throws Exception {
        TeamApp t = TeamApp.create(api, jdbi);
        assertProblem(api.post(t.path("/domains"), Map.of("hostname", "mcp.example.com"), t.member().token()), 403, "admin");
        assertProblem(api.post(t.path("/domains"), Map.of("hostname", "mcp.example.com"), t.outsider().token()), 404, "not found");
        Reply added;
        try (Notifications n = new Notifications(APP.<TestApiApplication>getApplication().database().connectionInfo(), Channels.DOMAINS)) {
            added = api.post(t.path("/domains"), Map.of("hostname", "MCP.Example.com."), t.owner().token());
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
            assertThat(n.payloads()).containsExactly("mcp.example.com");
        }
        JsonNode d = added.json();
        assertThat(d.path("hostname").asText()).isEqualTo("mcp.example.com");
        assertThat(d.path("state").asText()).isEqualTo("pending_ownership");
        assertThat(d.path("reason").asText()).contains("domains verify mcp.example.com");
        JsonNode txt = d.path("dnsRecords").get(0);
        assertThat(txt.path("type").asText()).isEqualTo("TXT");
        assertThat(txt.path("name").asText()).isEqualTo("_nextmcp-challenge.mcp.example.com");
        assertThat(txt.path("value").asText()).startsWith("nextmcp-verify=").hasSize("nextmcp-verify=".length() + 32);
        assertThat(d.path("dnsRecords").get(1).path("type").asText()).isEqualTo("CNAME");

        for (ApiClient.User reader : t.readers()) {
            Reply list = api.get(t.path("/domains"), reader.token());
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().get(0).path("hostname").asText()).isEqualTo("mcp.example.com");
            assertThat(list.json().get(0).path("dnsRecords").get(0).path("value").asText()).isEqualTo(txt.path("value").asText());
        }
        assertProblem(api.post(t.path("/domains"), Map.of("hostname", "mcp.example.com"), t.owner().token()), 409, "already added");
        int audited = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE action = 'domain.add' AND target = :app")
                .bind("app", t.app()).mapTo(Integer.class).one());
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void invalidNamesAndNamesUnderTheAppsDomainAreRefused() {
        TeamApp t = TeamApp.create(api, jdbi);
        assertProblem(api.post(t.path("/domains"), Map.of("hostname", "weather.localhost"), t.owner().token()), 422, "apps domain");
        assertProblem(api.post(t.path("/domains"), Map.of("hostname", "not a host"), t.owner().token()), 422, "not a valid host name");
        assertProblem(api.post(t.path("/domains"), Map.of("hostname", "example"), t.owner().token()), 422, "fully qualified");
        Reply idn = api.post(t.path("/domains"), Map.of("hostname", "mcp.bücher.example"), t.owner().token());
        assertThat(idn.status()).as(idn.toString()).isEqualTo(201);
        assertThat(idn.json().path("hostname").asText()).isEqualTo("mcp.xn--bcher-kva.example");
    }

    @Test
    void anotherAppMayClaimANameButEachAppOnlyOnce() {
        TeamApp first = TeamApp.create(api, jdbi);
        TeamApp second = TeamApp.create(api, jdbi);
        Reply a = api.post(first.path("/domains"), Map.of("hostname", "shared.example.org"), first.owner().token());
        Reply b = api.post(second.path("/domains"), Map.of("hostname", "shared.example.org"), second.owner().token());
        assertThat(a.status()).isEqualTo(201);
        assertThat(b.status()).isEqualTo(201);
        assertThat(a.json().path("dnsRecords").get(0).path("value").asText())
                .isNotEqualTo(b.json().path("dnsRecords").get(0).path("value").asText());
    }

    @Test
    void adminsRemoveDomainsAndReadersCannot() {
        TeamApp t = TeamApp.create(api, jdbi);
        assertThat(api.post(t.path("/domains"), Map.of("hostname", "gone.example.com"), t.owner().token()).status()).isEqualTo(201);
        assertProblem(api.delete(t.path("/domains/gone.example.com"), t.member().token()), 403, "admin");
        assertProblem(api.post(t.path("/domains/gone.example.com/verify"), Map.of(), t.viewer().token()), 403, "admin");
        assertThat(api.delete(t.path("/domains/GONE.example.com"), t.owner().token()).status()).isEqualTo(204);
        assertThat(api.get(t.path("/domains"), t.viewer().token()).json()).isEmpty();
        assertProblem(api.delete(t.path("/domains/gone.example.com"), t.owner().token()), 404, "domains list");
    }
}
