package cloud.nextmcp.api.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class StripeSignatureTest {
    private static final String SECRET = "whsec_test_secret";
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}";
    /** HMAC-SHA256("whsec_test_secret", "1700000000." + BODY), computed with openssl dgst -sha256 -hmac. */
    private static final String VECTOR = "46dc069361a7691082640523fa33fe5d6c8c88d5f5e257cdf8cf11539d166595";
    private static final byte[] BYTES = BODY.getBytes(StandardCharsets.UTF_8);

    private static StripeSignature at(long epochSecond) {
        return new StripeSignature(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void theKnownVectorVerifiesAndAnyOneOfSeveralV1SignaturesMayMatch() {
        assertThat(HexFormat.of().formatHex(at(1_700_000_000L).sign(1_700_000_000L, BYTES))).isEqualTo(VECTOR);
        assertThat(at(1_700_000_000L).problem("t=1700000000,v1=" + VECTOR, BYTES)).isNull();
        assertThat(at(1_700_000_100L).problem("t=1700000000,v1=" + "00".repeat(32) + ",v0=abc,v1=" + VECTOR, BYTES))
                .isNull();
    }

    @Test
    void aChangedBodyAWrongSecretOrAMissingPartIsRefused() {
        assertThat(at(1_700_000_000L).problem("t=1700000000,v1=" + VECTOR, (BODY + " ").getBytes(StandardCharsets.UTF_8)))
                .contains("no v1 signature matches");
        assertThat(new StripeSignature("whsec_other", Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC))
                .problem("t=1700000000,v1=" + VECTOR, BYTES)).contains("no v1 signature matches");
        assertThat(at(1_700_000_000L).problem("t=1700000001,v1=" + VECTOR, BYTES)).contains("no v1 signature matches");
        assertThat(at(1_700_000_000L).problem(null, BYTES)).contains("missing");
        assertThat(at(1_700_000_000L).problem("v1=" + VECTOR, BYTES)).contains("no timestamp");
        assertThat(at(1_700_000_000L).problem("t=1700000000,v0=" + VECTOR, BYTES)).contains("no v1");
    }

    @Test
    void theTimestampMustBeWithinFiveMinutesEitherWay() {
        assertThat(at(1_700_000_300L).problem("t=1700000000,v1=" + VECTOR, BYTES)).isNull();
        assertThat(at(1_699_999_700L).problem("t=1700000000,v1=" + VECTOR, BYTES)).isNull();
        assertThat(at(1_700_000_301L).problem("t=1700000000,v1=" + VECTOR, BYTES)).contains("301 s");
        assertThat(at(1_699_999_699L).problem("t=1700000000,v1=" + VECTOR, BYTES)).contains("tolerance 300 s");
    }

    @Test
    void stripeJavaAcceptsWhatThisVerifierAccepts() throws Exception {
        long now = Instant.now().getEpochSecond();
        StripeSignature verifier = new StripeSignature(SECRET, Clock.systemUTC());
        String header = "t=" + now + ",v1=" + HexFormat.of().formatHex(verifier.sign(now, BYTES));
        assertThat(verifier.problem(header, BYTES)).isNull();
        assertThat(Webhook.Signature.verifyHeader(BODY, header, SECRET, 300)).isTrue();
    }
}
