package cloud.nextmcp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.jackson.Jackson;
import io.dropwizard.util.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ControlApiConfigTest {
    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void defaultsApplyWhenLeftOut() throws Exception {
        ControlApiConfig config = Jackson.newObjectMapper().readValue("{\"jwtSecret\":\"" + SECRET + "\"}", ControlApiConfig.class);

        assertThat(config.accessTokenTtl()).isEqualTo(Duration.hours(24));
        assertThat(config.refreshTokenTtl()).isEqualTo(Duration.days(30));
        assertThat(config.authRateLimitPerMinute()).isEqualTo(30);
        assertThat(config.trustForwardedFor()).isFalse();
        assertThat(config.oauthClientMetadataPrivateAddresses()).isFalse();
        config.validate();
    }

    @Test
    void readsDropwizardDurations() throws Exception {
        ControlApiConfig config = Jackson.newObjectMapper().readValue(
                "{\"jwtSecret\":\"" + SECRET + "\",\"accessTokenTtl\":\"1h\",\"refreshTokenTtl\":\"7 days\"}", ControlApiConfig.class);

        assertThat(config.accessTokenTtl().toSeconds()).isEqualTo(3600);
        assertThat(config.refreshTokenTtl().toDays()).isEqualTo(7);
    }

    @Test
    void aMissingOrShortSecretStopsTheStartWithAFix() {
        assertThatThrownBy(() -> ControlApiConfig.withSecret(null).validate())
                .hasMessageContaining("api.jwtSecret is not set").hasMessageContaining("openssl rand -base64 48");
        assertThatThrownBy(() -> ControlApiConfig.withSecret(Base64.getEncoder().encodeToString(new byte[16])).validate())
                .hasMessageContaining("holds 16 bytes; it needs at least 32");
        assertThatThrownBy(() -> ControlApiConfig.withSecret("not base64 at all!").validate())
                .hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> new ControlApiConfig(SECRET, Duration.hours(1), Duration.minutes(5), null, null, null).validate())
                .hasMessageContaining("must not be shorter than api.accessTokenTtl");
    }
}
