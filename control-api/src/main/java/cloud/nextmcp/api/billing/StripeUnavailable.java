package cloud.nextmcp.api.billing;

import cloud.nextmcp.api.problems.ApiException;
import com.stripe.exception.StripeException;

/** A Stripe call that failed: 502 for the person, the details in the log. */
final class StripeUnavailable {
    private StripeUnavailable() {
    }

    static ApiException of(String what, StripeException e) {
        return new ApiException(502, "stripe-unavailable", "Stripe did not " + what + " (" + e.getMessage()
                + "); try again in a minute");
    }
}
