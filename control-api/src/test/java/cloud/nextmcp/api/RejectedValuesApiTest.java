package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A 422 names the rejected value, cut short: a 10 MB field does not come back as a 10 MB answer. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RejectedValuesApiTest {
    static final DropwizardAppExtension<TestApiConfiguration> APP = new DropwizardAppExtension<>(
            TestApiApplication.class, ResourceHelpers.resourceFilePath("test-api.yml"));

    static ApiClient api;

    @BeforeAll
    static void client() {
        api = new ApiClient(APP.getLocalPort());
    }

    @Test
    void aRejected10MegabyteFieldIsEchoedCutTo100Characters() {
        String huge = "x".repeat(10 * 1024 * 1024);

        ApiClient.User admin = api.newUser("Admin");

        Reply refused = api.post("/api/v1/teams/" + admin.personalTeam() + "/members",
                Map.of("email", "bob@example.com", "role", huge), admin.token());

        assertProblem(refused, 422, "Unknown role '" + "x".repeat(100) + "…': use owner, admin, member or viewer");
        assertThat(refused.body().length()).isLessThan(2_000);
    }
}
