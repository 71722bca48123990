package cloud.nextmcp.api;

import static cloud.nextmcp.api.AuthApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.nextmcp.api.testing.ApiClient;
import cloud.nextmcp.api.testing.Reply;
import cloud.nextmcp.api.testing.TeamApp;
import cloud.nextmcp.api.testing.TestApiApplication;
import cloud.nextmcp.api.testing.TestApiConfiguration;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an app's config may hold: names the platform sets are refused, and so is a config too large to start a process with. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConfigLimitsApiTest {
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
    void moreThan500VarsAreRefusedWithTheLimitAndNothingIsStored() {
        TeamApp t = TeamApp.create(api, jdbi);
        Map<String, String> vars = new HashMap<>();
        for (int i = 0; i <= 500; i++) {
            vars.put("VAR_" + i, "v");
        }

        assertProblem(api.patch(t.path("/config"), vars, t.member().token()), 422, "at most 500 config vars");
        assertThat(api.get(t.path("/config"), t.member().token()).json().size()).isZero();
    }

    @Test
    void aConfigLargerThan64KiBInTotalIsRefusedAlsoWhenBuiltUpInSeveralChanges() {
        TeamApp t = TeamApp.create(api, jdbi);
        assertThat(api.patch(t.path("/config"), Map.of("A", "a".repeat(30_000), "B", "b".repeat(30_000)),
                t.member().token()).status()).isEqualTo(200);

        Reply tooMuch = api.patch(t.path("/config"), Map.of("C", "c".repeat(10_000)), t.member().token());

        assertProblem(tooMuch, 422, "may total at most 64 KiB");
        assertThat(api.get(t.path("/config"), t.member().token()).json().has("C")).isFalse();
    }

    @Test
    void namesThePlatformSetsItselfAreRefused() {
        TeamApp t = TeamApp.create(api, jdbi);

        assertProblem(api.patch(t.path("/config"), Map.of("PORT", "80"), t.member().token()), 422, "'PORT' is set by the platform");
        assertProblem(api.patch(t.path("/config"), Map.of("NEXTMCP_APP", "other"), t.member().token()), 422, "reserved");
        assertProblem(api.patch(t.path("/config"), Map.of("1BAD-NAME", "x"), t.member().token()), 422,
                "Invalid config var name '1BAD-NAME'");
    }
}
