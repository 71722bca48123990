package cloud.nextmcp.core.billing;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the platform talks to Stripe ({@code billing.stripe}).
 *
 * @param apiBase          Stripe's API address; tests point it at a local fake (default Stripe's own)
 * @param secretKey        the secret API key ({@code sk_…})
 * @param webhookSecret    the signing secret of the webhook endpoint ({@code whsec_…})
 * @param prices           the Stripe price id of each paid plan, by plan name
 * @param instanceHoursMeter event name of the meter that counts instance time (in seconds); unset: not reported
 * @param buildMinutesMeter  event name of the meter that counts build time (in seconds); unset: not reported
 * @param returnUrl        where Checkout and the customer portal send the person back (default: the API's URL)
 */
public record StripeConfig(
        @JsonProperty("apiBase") String apiBase,
        @JsonProperty("secretKey") String secretKey,
        @JsonProperty("webhookSecret") String webhookSecret,
        @JsonProperty("prices") Map<String, String> prices,
        @JsonProperty("instanceHoursMeter") String instanceHoursMeter,
        @JsonProperty("buildMinutesMeter") String buildMinutesMeter,
        @JsonProperty("returnUrl") String returnUrl) {

    public static final String STRIPE_API = "https://api.stripe.com";

    public StripeConfig {
        apiBase = blank(apiBase) ? STRIPE_API : apiBase.strip();
        prices = prices == null ? Map.of() : Map.copyOf(prices.entrySet().stream().filter(e -> !blank(e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().strip())));
        secretKey = blank(secretKey) ? null : secretKey.strip();
        webhookSecret = blank(webhookSecret) ? null : webhookSecret.strip();
        instanceHoursMeter = blank(instanceHoursMeter) ? null : instanceHoursMeter.strip();
        buildMinutesMeter = blank(buildMinutesMeter) ? null : buildMinutesMeter.strip();
        returnUrl = blank(returnUrl) ? null : returnUrl.strip();
    }

    public static StripeConfig none() {
        return new StripeConfig(null, null, null, null, null, null, null);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
