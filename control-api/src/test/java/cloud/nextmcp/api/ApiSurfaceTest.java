package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The unauthenticated surface: info, the OpenAPI description, and errors of the framework itself. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiSurfaceTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    static ApiClient api;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
    }

    @Test
    void infoTellsWhereEverythingIs() {
        JsonNode info = api.get("/api/v1/info", null).json();

        assertThat(info.path("version").asText()).isEqualTo(ControlApi.version()).startsWith("0.1.0");
        assertThat(info.path("appsDomain").asText()).isEqualTo("localhost");
        assertThat(info.path("routerUrl").asText()).isEqualTo("http://localhost:8080");
        assertThat(info.path("gitSsh").asText()).isEqualTo("ssh://git@localhost:2222");
        assertThat(info.path("gitHttp").asText()).isEqualTo("http://localhost:2280");
    }

    @Test
    void theServedOpenApiFileIsDocsOpenApiAndDescribesEveryRegisteredOperation() throws Exception {
        Reply served = api.get("/api/v1/openapi.yaml", null);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("application/yaml");
        assertThat(served.body()).isEqualTo(Files.readString(java.nio.file.Path.of("../docs/openapi.yaml")));

        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(served.body());
        assertThat(document.path("openapi").asText()).startsWith("3.1");
        String base = document.path("servers").get(0).path("url").asText();
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (!method.equals("parameters")) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + base + path.getKey());
                }
            });
        }

        assertThat(documented).isEqualTo(registeredOperations());
    }

    /** Every operation in Jersey's running resource model (the test-only failing resource aside). */
    private static Set<String> registeredOperations() {
        ServletContainer jersey = (ServletContainer) APP.getEnvironment().getJerseyServletContainer();
        ExtendedResourceContext context = jersey.getApplicationHandler().getInjectionManager()
                .getInstance(ExtendedResourceContext.class);
        Set<String> operations = new TreeSet<>();
        for (Resource resource : context.getResourceModel().getResources()) {
            collect(resource, "", operations);
        }
        operations.removeIf(op -> op.endsWith(" /api/v1/test-failure"));
        // OAuth's protocol endpoints (/.well-known/…, /oauth/…) are specified by their RFCs and docs/auth.md, not by this file.
        operations.removeIf(op -> !op.contains(" /api/v1/"));
        assertThat(operations).hasSizeGreaterThan(20);
        return operations;
    }

    private static void collect(Resource resource, String parent, Set<String> into) {
        String path = (parent + "/" + resource.getPath()).replaceAll("/+", "/").replaceAll("(.)/$", "$1")
                .replaceAll("\\{(\\w+):[^}]*}", "{$1}");
        for (ResourceMethod method : resource.getResourceMethods()) {
            // Jersey adds OPTIONS (and HEAD) handlers of its own to every path; only ours are documented.
            if (method.getInvocable().getDefinitionMethod().getDeclaringClass().getName().startsWith("cloud.nextmcp.api.")) {
                into.add(method.getHttpMethod() + " " + path);
            }
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, path, into);
        }
    }

    @Test
    void theDatabaseHealthCheckIsRegistered() {
        Reply health = api.get("/admin/healthcheck", null);

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().path("api-database").path("healthy").asBoolean()).isTrue();
    }

    @Test
    void frameworkErrorsAreProblemDocumentsToo() {
        assertProblem(api.get("/api/v1/no-such-thing", null), 404, "no such API path");
        Reply wrongMethod = api.delete("/api/v1/info", null);
        assertProblem(wrongMethod, 405, "does not accept that HTTP method");
        assertThat(wrongMethod.header("Allow")).contains("GET");
    }

    @Test
    void unexpectedErrorsAre500WithoutInternals() {
        Reply failed = api.get("/api/v1/test-failure", null);

        assertProblem(failed, 500, "it has been logged as");
        assertThat(failed.body()).doesNotContain("postgres://secret").doesNotContain("IllegalArgumentException")
                .doesNotContain("at cloud.nextmcp");
    }
}
