package cloud.nextmcp.api.billing;

import cloud.nextmcp.core.billing.StripeConfig;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.time.Instant;

/**
 * The Stripe calls the platform makes, through stripe-java's {@link StripeClient}. Every POST
 * carries an idempotency key derived from what it does ({@link IdempotencyKeys}).
 */
public final class StripeGateway {
    private final StripeClient client;

    public StripeGateway(StripeConfig config) {
        this.client = StripeClient.builder()
                .setApiKey(config.secretKey())
                .setApiBase(config.apiBase())
                .setConnectTimeout(10_000)
                .setReadTimeout(30_000)
                .setMaxNetworkRetries(2)
                .build();
    }

    /** The current state of a subscription, as Stripe has it now. */
    public record SubscriptionState(String id, String customer, String status, String priceId, Instant currentPeriodEnd) {
    }

    /** One Stripe customer per team, with the team id in its metadata. */
    public String createCustomer(long teamId, String teamName) throws StripeException {
        Customer customer = client.v1().customers().create(CustomerCreateParams.builder()
                        .setName(teamName)
                        .putMetadata("team_id", Long.toString(teamId))
                        .putMetadata("team", teamName)
                        .build(),
                key(IdempotencyKeys.of("customer", teamId)));
        return customer.getId();
    }

    /** A Checkout Session (mode subscription) for one price; {@code generation} changes whenever the team's billing does. */
    public String checkoutUrl(long teamId, String customer, String plan, String price, String returnUrl, long generation)
            throws StripeException {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customer)
                .setClientReferenceId(Long.toString(teamId))
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build())
                .putMetadata("team_id", Long.toString(teamId))
                .putMetadata("plan", plan)
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putMetadata("team_id", Long.toString(teamId)).putMetadata("plan", plan).build())
                .setSuccessUrl(returnUrl)
                .setCancelUrl(returnUrl)
                .build();
        return client.v1().checkout().sessions()
                .create(params, key(IdempotencyKeys.of("checkout", teamId, customer, price, returnUrl, generation)))
                .getUrl();
    }

    /** A customer portal session; sessions are short-lived, so the key changes every {@code window} number. */
    public String portalUrl(String customer, String returnUrl, long window) throws StripeException {
        return client.v1().billingPortal().sessions().create(
                com.stripe.param.billingportal.SessionCreateParams.builder()
                        .setCustomer(customer).setReturnUrl(returnUrl).build(),
                key(IdempotencyKeys.of("portal", customer, returnUrl, window))).getUrl();
    }

    public SubscriptionState subscription(String id) throws StripeException {
        Subscription s = client.v1().subscriptions().retrieve(id);
        SubscriptionItem item = s.getItems() == null || s.getItems().getData() == null || s.getItems().getData().isEmpty()
                ? null : s.getItems().getData().get(0);
        String price = item == null || item.getPrice() == null ? null : item.getPrice().getId();
        Long end = item == null ? null : item.getCurrentPeriodEnd();
        return new SubscriptionState(s.getId(), s.getCustomer(), s.getStatus(), price,
                end == null ? null : Instant.ofEpochSecond(end));
    }

    /**
     * One meter event for a batch of usage records; the batch name is its identifier (Stripe
     * keeps one event per identifier) and the source of its idempotency key.
     */
    public void meterEvent(String eventName, String batch, String customer, long value, Instant at) throws StripeException {
        client.v1().billing().meterEvents().create(MeterEventCreateParams.builder()
                        .setEventName(eventName)
                        .setIdentifier("nextmcp-" + batch)
                        .putPayload("stripe_customer_id", customer)
                        .putPayload("value", Long.toString(value))
                        .setTimestamp(at.getEpochSecond())
                        .build(),
                key(IdempotencyKeys.of("meter-event", batch)));
    }

    private static RequestOptions key(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }
}
